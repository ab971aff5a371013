package org.jdevp2p.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/** secp256k1 on BouncyCastle's curve arithmetic (its custom, constant-time field code). */
final class BouncyCastleSecp256k1 implements Secp256k1 {
  static final BouncyCastleSecp256k1 INSTANCE = new BouncyCastleSecp256k1();

  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  private static final ECDomainParameters CURVE =
      new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());
  private static final BigInteger N = CURVE.getN();
  private static final BigInteger HALF_N = N.shiftRight(1);
  private static final FixedPointCombMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();

  private BouncyCastleSecp256k1() {}

  @Override
  public String name() {
    return "bouncycastle";
  }

  @Override
  public byte[] publicKey(byte[] privateKey) {
    return encode(BASE_MULTIPLIER.multiply(CURVE.getG(), scalar(privateKey)));
  }

  @Override
  public byte[] compress(byte[] publicKey) {
    return point(publicKey).getEncoded(true);
  }

  @Override
  public byte[] decode(byte[] encoded) {
    if (encoded.length != 33 && encoded.length != 65) {
      throw new InvalidKeyException("public key must be 33 or 65 bytes, got " + encoded.length);
    }
    return encode(decodePoint(encoded));
  }

  @Override
  public byte[] sign(byte[] hash, byte[] privateKey) {
    checkHash(hash);
    BigInteger d = scalar(privateKey);
    BigInteger e = new BigInteger(1, hash);
    HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
    nonces.init(N, d, hash);
    while (true) {
      BigInteger k = nonces.nextK();
      ECPoint p = BASE_MULTIPLIER.multiply(CURVE.getG(), k).normalize();
      BigInteger x = p.getAffineXCoord().toBigInteger();
      BigInteger r = x.mod(N);
      if (r.signum() == 0) continue;
      BigInteger s = BigIntegers.modOddInverse(N, k).multiply(e.add(d.multiply(r))).mod(N);
      if (s.signum() == 0) continue;
      int recoveryId = (p.getAffineYCoord().testBitZero() ? 1 : 0) | (x.compareTo(N) >= 0 ? 2 : 0);
      if (s.compareTo(HALF_N) > 0) {
        // Low-S form: (r, n - s) is the same signature for the point -R, so the y parity flips.
        s = N.subtract(s);
        recoveryId ^= 1;
      }
      if (recoveryId > 1) continue; // x >= n happens with probability ~2^-128; v must be 0 or 1
      byte[] out = new byte[65];
      BigIntegers.asUnsignedByteArray(r, out, 0, 32);
      BigIntegers.asUnsignedByteArray(s, out, 32, 32);
      out[64] = (byte) recoveryId;
      return out;
    }
  }

  @Override
  public byte[] recover(byte[] hash, byte[] signature) {
    checkHash(hash);
    if (signature.length != 65) {
      throw new InvalidKeyException("recoverable signature must be 65 bytes");
    }
    int v = signature[64];
    if (v != 0 && v != 1) throw new InvalidKeyException("recovery id must be 0 or 1, got " + v);
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    checkRange(r, "r");
    checkRange(s, "s");
    // SEC1 4.1.6: R has x = r (x >= n is excluded above) and the y parity of v.
    byte[] compressedR = new byte[33];
    compressedR[0] = (byte) (v == 1 ? 0x03 : 0x02);
    BigIntegers.asUnsignedByteArray(r, compressedR, 1, 32);
    ECPoint bigR = decodePoint(compressedR);
    BigInteger rInv = BigIntegers.modOddInverse(N, r);
    BigInteger e = new BigInteger(1, hash);
    BigInteger u1 = N.subtract(e).multiply(rInv).mod(N);
    BigInteger u2 = s.multiply(rInv).mod(N);
    ECPoint q = ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), u1, bigR, u2);
    if (q.isInfinity()) throw new InvalidKeyException("signature recovers no key");
    return encode(q);
  }

  @Override
  public boolean verify(byte[] hash, byte[] signature, byte[] publicKey) {
    checkHash(hash);
    if (signature.length != 64) return false;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    if (r.signum() == 0 || r.compareTo(N) >= 0) return false;
    if (s.signum() == 0 || s.compareTo(HALF_N) > 0) return false;
    ECPoint q = point(publicKey);
    BigInteger e = new BigInteger(1, hash);
    BigInteger w = BigIntegers.modOddInverse(N, s);
    ECPoint p =
        ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), e.multiply(w).mod(N), q, r.multiply(w).mod(N))
            .normalize();
    return !p.isInfinity() && p.getAffineXCoord().toBigInteger().mod(N).equals(r);
  }

  @Override
  public byte[] agreeX(byte[] privateKey, byte[] publicKey) {
    return BigIntegers.asUnsignedByteArray(
        32, agree(privateKey, publicKey).getAffineXCoord().toBigInteger());
  }

  @Override
  public byte[] agreeCompressed(byte[] privateKey, byte[] publicKey) {
    return agree(privateKey, publicKey).getEncoded(true);
  }

  private static ECPoint agree(byte[] privateKey, byte[] publicKey) {
    ECPoint p = point(publicKey).multiply(scalar(privateKey)).normalize();
    if (p.isInfinity()) throw new InvalidKeyException("ECDH gave the point at infinity");
    return p;
  }

  private static BigInteger scalar(byte[] privateKey) {
    if (privateKey.length != 32) {
      throw new InvalidKeyException("private key must be 32 bytes, got " + privateKey.length);
    }
    BigInteger d = new BigInteger(1, privateKey);
    checkRange(d, "private key");
    return d;
  }

  private static void checkRange(BigInteger v, String what) {
    if (v.signum() == 0 || v.compareTo(N) >= 0) {
      throw new InvalidKeyException(what + " out of range [1, n-1]");
    }
  }

  private static void checkHash(byte[] hash) {
    if (hash.length != 32) throw new IllegalArgumentException("hash must be 32 bytes");
  }

  private static ECPoint point(byte[] publicKey) {
    if (publicKey.length != 64) {
      throw new InvalidKeyException("public key must be 64 bytes, got " + publicKey.length);
    }
    byte[] sec1 = new byte[65];
    sec1[0] = 0x04;
    System.arraycopy(publicKey, 0, sec1, 1, 64);
    return decodePoint(sec1);
  }

  /** Decodes a SEC1 point; BouncyCastle checks that it lies on the curve and is not infinity. */
  private static ECPoint decodePoint(byte[] sec1) {
    ECPoint p;
    try {
      p = CURVE.getCurve().decodePoint(sec1);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new InvalidKeyException("public key is not a point on secp256k1");
    }
    if (p.isInfinity()) throw new InvalidKeyException("public key is the point at infinity");
    return p;
  }

  private static byte[] encode(ECPoint p) {
    byte[] sec1 = p.normalize().getEncoded(false);
    return Arrays.copyOfRange(sec1, 1, 65);
  }
}
