package org.jdevp2p.crypto;

import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes;

/** A secp256k1 public key known to lie on the curve, held as 64 bytes X || Y. */
public final class PublicKey {
  private final byte[] xy;

  private PublicKey(byte[] xy) {
    this.xy = xy;
  }

  static PublicKey trusted(byte[] xy) {
    return new PublicKey(xy);
  }

  /**
   * Reads a key in any of its wire forms: 64 bytes X || Y (RLPx, enode URLs), 65 bytes with the
   * 0x04 prefix, or 33 bytes compressed (ENR, discv5). Throws {@link InvalidKeyException} for any
   * other length or a point that is not on the curve.
   */
  public static PublicKey fromBytes(Bytes bytes) {
    byte[] b = bytes.toArrayUnsafe();
    return switch (b.length) {
      case 64 -> {
        byte[] sec1 = new byte[65];
        sec1[0] = 0x04;
        System.arraycopy(b, 0, sec1, 1, 64);
        yield new PublicKey(Secp256k1.get().decode(sec1));
      }
      case 33, 65 -> new PublicKey(Secp256k1.get().decode(b));
      default ->
          throw new InvalidKeyException("public key must be 33, 64 or 65 bytes, got " + b.length);
    };
  }

  /** The 64 bytes X || Y. */
  public Bytes bytes() {
    return Bytes.wrap(xy.clone());
  }

  /** The 33-byte SEC1 compressed form. */
  public Bytes compressed() {
    return Bytes.wrap(Secp256k1.get().compress(xy));
  }

  /** Checks a 64-byte r || s signature of the hash (high S rejected). */
  public boolean verify(Bytes hash, Bytes signature) {
    if (hash.size() != 32) return false;
    return Secp256k1.get().verify(hash.toArrayUnsafe(), signature.toArrayUnsafe(), xy);
  }

  byte[] rawBytes() {
    return xy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey k && Arrays.equals(xy, k.xy);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(xy);
  }

  @Override
  public String toString() {
    return Bytes.wrap(xy).toUnprefixedHexString();
  }
}
