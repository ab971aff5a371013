package org.jdevp2p.crypto;

import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 as Ethereum uses it: the original Keccak padding (0x01), not SHA3-256 (0x06). */
public final class Keccak256 {
  private Keccak256() {}

  public static Bytes32 hash(Bytes input) {
    return Bytes32.wrap(hash(input.toArrayUnsafe()));
  }

  public static byte[] hash(byte[] input) {
    return hash(input, 0, input.length);
  }

  public static byte[] hash(byte[] input, int offset, int length) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(input, offset, length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }
}
