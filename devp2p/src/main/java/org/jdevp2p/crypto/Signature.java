package org.jdevp2p.crypto;

import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * An ECDSA signature over secp256k1. RLPx auth messages carry the 65-byte recoverable form r || s
 * || v; ENR and discv5 carry the 64-byte form r || s.
 *
 * @param r the 32-byte r value
 * @param s the 32-byte s value
 * @param recoveryId 0 or 1, or -1 when unknown (a signature read from its 64-byte form)
 */
public record Signature(Bytes32 r, Bytes32 s, int recoveryId) {

  public Signature {
    if (recoveryId < -1 || recoveryId > 1) {
      throw new InvalidKeyException("recovery id must be 0 or 1, got " + recoveryId);
    }
  }

  /** Reads r || s || v (65 bytes, v = 0 or 1). */
  public static Signature fromRecoverable(Bytes bytes) {
    if (bytes.size() != 65) {
      throw new InvalidKeyException("recoverable signature must be 65 bytes, got " + bytes.size());
    }
    return new Signature(
        Bytes32.wrap(bytes.slice(0, 32)), Bytes32.wrap(bytes.slice(32, 32)), bytes.get(64));
  }

  /** Reads r || s (64 bytes); the recovery id is unknown. */
  public static Signature fromCompact(Bytes bytes) {
    if (bytes.size() != 64) {
      throw new InvalidKeyException("signature must be 64 bytes, got " + bytes.size());
    }
    return new Signature(Bytes32.wrap(bytes.slice(0, 32)), Bytes32.wrap(bytes.slice(32, 32)), -1);
  }

  /** r || s || v, 65 bytes. */
  public Bytes toRecoverable() {
    if (recoveryId < 0) throw new IllegalStateException("recovery id unknown");
    return Bytes.concatenate(r, s, Bytes.of(recoveryId));
  }

  /** r || s, 64 bytes. */
  public Bytes toCompact() {
    return Bytes.concatenate(r, s);
  }

  /** The key that made this signature of the hash; throws {@link InvalidKeyException} if none. */
  public PublicKey recover(Bytes32 hash) {
    return PublicKey.trusted(
        Secp256k1.get().recover(hash.toArrayUnsafe(), toRecoverable().toArrayUnsafe()));
  }

  /** Checks this signature of the hash against a key (high S rejected). */
  public boolean verify(Bytes32 hash, PublicKey key) {
    return key.verify(hash, toCompact());
  }
}
