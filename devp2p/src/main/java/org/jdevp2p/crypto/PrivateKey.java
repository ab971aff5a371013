package org.jdevp2p.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/** A secp256k1 private key: a scalar in [1, n-1]. Its text form never shows the secret. */
public final class PrivateKey {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] scalar;
  private volatile PublicKey publicKey;

  private PrivateKey(byte[] scalar) {
    this.scalar = scalar;
  }

  /** A fresh key from a strong random source. */
  public static PrivateKey random() {
    byte[] d = new byte[32];
    while (true) {
      RANDOM.nextBytes(d);
      try {
        return fromBytes(Bytes32.wrap(d));
      } catch (InvalidKeyException outOfRange) {
        // probability ~2^-128: draw again
      }
    }
  }

  /** Reads 32 big-endian bytes; throws {@link InvalidKeyException} when out of range. */
  public static PrivateKey fromBytes(Bytes bytes) {
    if (bytes.size() != 32) {
      throw new InvalidKeyException("private key must be 32 bytes, got " + bytes.size());
    }
    byte[] d = bytes.toArray();
    // Deriving the public key checks the range; keep it rather than multiply again later (every
    // RLPx handshake makes four fresh keys, so the second multiplication is not free).
    PrivateKey key = new PrivateKey(d);
    key.publicKey = PublicKey.trusted(Secp256k1.get().publicKey(d));
    return key;
  }

  /** Reads 64 hex digits (an optional 0x prefix and surrounding white space are allowed). */
  public static PrivateKey fromHex(String hex) {
    try {
      return fromBytes(Bytes.fromHexString(hex.strip()));
    } catch (IllegalArgumentException e) {
      if (e instanceof InvalidKeyException ike) throw ike;
      throw new InvalidKeyException("private key is not hex: " + e.getMessage());
    }
  }

  public Bytes32 bytes() {
    return Bytes32.wrap(scalar.clone());
  }

  public PublicKey publicKey() {
    PublicKey p = publicKey;
    if (p == null) {
      p = PublicKey.trusted(Secp256k1.get().publicKey(scalar));
      publicKey = p;
    }
    return p;
  }

  /** Signs a 32-byte hash: deterministic (RFC 6979), low-S, with recovery id. */
  public Signature sign(Bytes32 hash) {
    return Signature.fromRecoverable(
        Bytes.wrap(Secp256k1.get().sign(hash.toArrayUnsafe(), scalar)));
  }

  /** ECDH for RLPx: the x coordinate of the shared point. */
  public Bytes32 agreeX(PublicKey other) {
    return Bytes32.wrap(Secp256k1.get().agreeX(scalar, other.rawBytes()));
  }

  /** ECDH for discv5: the shared point, 33 bytes compressed. */
  public Bytes agreeCompressed(PublicKey other) {
    return Bytes.wrap(Secp256k1.get().agreeCompressed(scalar, other.rawBytes()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrivateKey k && Arrays.equals(scalar, k.scalar);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(scalar);
  }

  @Override
  public String toString() {
    return "PrivateKey[of " + publicKey() + "]";
  }
}
