package org.jdevp2p.discv5;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.jdevp2p.crypto.Keccak256;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.node.NodeId;

/**
 * Grinds node keys whose ids lie near a target, as the attacker of topics.md §9 does: ids that
 * share the first {@code bits} bits with the target (log distance at most 256 − bits).
 *
 * <p>A try costs one point addition and one Keccak, not a key generation: from a start key k with
 * public key P = kG, the candidate k + i has the public key P + iG, so each candidate is the last
 * one plus G. Points come in batches converted to affine coordinates together (one field inversion
 * for the batch, Montgomery's trick), since a node id hashes the affine X || Y. A simulation tool:
 * the keys are as secret as the simulation's seed.
 */
final class IdGrinder {

  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
  private static final BigInteger N = CURVE.getN();
  private static final ECPoint G = CURVE.getG();

  /**
   * Candidates converted to affine coordinates together: one inversion per batch instead of per
   * candidate, while a batch still costs little more than its share of one grind (2^16 tries for 16
   * bits).
   */
  static final int BATCH = 256;

  /** The most bits a grind may ask for: 2^24 tries on average stays within seconds. */
  static final int MAX_BITS = 24;

  private final NodeId target;
  private final int bits;

  /**
   * @param target the id to come near
   * @param bits how many leading bits a ground id shares with the target (0 to {@link #MAX_BITS})
   */
  IdGrinder(NodeId target, int bits) {
    if (bits < 0 || bits > MAX_BITS) {
      throw new IllegalArgumentException("bits must be 0.." + MAX_BITS + ", got " + bits);
    }
    this.target = target;
    this.bits = bits;
  }

  /**
   * A key whose id shares {@code bits} leading bits with the target, searched from {@code start}.
   */
  Result grind(PrivateKey start) {
    ECCurve curve = CURVE.getCurve();
    ECPoint p = curve.decodePoint(uncompressed(start));
    byte[] target = this.target.bytes().toArrayUnsafe();
    byte[] xy = new byte[64];
    ECPoint[] batch = new ECPoint[BATCH];
    for (long tried = 0; ; ) {
      for (int j = 0; j < BATCH; j++) {
        batch[j] = p;
        p = p.add(G);
      }
      curve.normalizeAll(batch);
      for (int j = 0; j < BATCH; j++, tried++) {
        if (batch[j].isInfinity()) continue; // k + i = n: never in practice, skip it
        batch[j].getAffineXCoord().encodeTo(xy, 0);
        batch[j].getAffineYCoord().encodeTo(xy, 32);
        if (sharesPrefix(Keccak256.hash(xy), target, bits)) {
          BigInteger k =
              new BigInteger(1, start.bytes().toArrayUnsafe())
                  .add(BigInteger.valueOf(tried))
                  .mod(N);
          PrivateKey key = PrivateKey.fromBytes(Bytes.wrap(BigIntegers.asUnsignedByteArray(32, k)));
          return new Result(key, Bytes.wrap(xy.clone()), tried + 1);
        }
      }
    }
  }

  private static byte[] uncompressed(PrivateKey key) {
    byte[] xy = key.publicKey().bytes().toArrayUnsafe();
    byte[] sec1 = new byte[65];
    sec1[0] = 0x04;
    System.arraycopy(xy, 0, sec1, 1, 64);
    return sec1;
  }

  static boolean sharesPrefix(byte[] a, byte[] b, int bits) {
    int whole = bits / 8;
    for (int i = 0; i < whole; i++) if (a[i] != b[i]) return false;
    int rest = bits % 8;
    if (rest == 0) return true;
    int mask = 0xff << (8 - rest) & 0xff;
    return ((a[whole] ^ b[whole]) & mask) == 0;
  }

  /**
   * A ground key.
   *
   * @param key the private key k + i
   * @param publicKey the public key P + iG the grind reached, 64 bytes X || Y
   * @param tries candidates hashed
   */
  record Result(PrivateKey key, Bytes publicKey, long tries) {}
}
