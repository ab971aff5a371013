package org.jdevp2p.crypto;

/**
 * The secp256k1 operations devp2p needs, on raw bytes so that a native backend can stand behind the
 * same interface. Public keys are 64 bytes (X || Y, no 0x04 prefix), private keys 32 bytes, message
 * hashes 32 bytes. Every method that takes a public key from outside checks it lies on the curve
 * and throws {@link InvalidKeyException} otherwise.
 *
 * <p>Callers use the value types ({@link PrivateKey}, {@link PublicKey}, {@link Signature}), which
 * go through {@link #get()}.
 */
public interface Secp256k1 {

  /**
   * System property that chooses the backend: {@code bouncycastle} forces the pure-Java backend;
   * anything else (or nothing) means libsecp256k1 when its native library loads.
   */
  String BACKEND_PROPERTY = "jdevp2p.secp256k1";

  /**
   * The backend in use: libsecp256k1 when its native library loads on this platform, BouncyCastle
   * otherwise or when {@link #BACKEND_PROPERTY} says so. Chosen once; the choice is logged at debug
   * level.
   */
  static Secp256k1 get() {
    return Backends.selected();
  }

  /** The pure-Java backend over BouncyCastle's curve arithmetic; always available. */
  static Secp256k1 bouncyCastle() {
    return BouncyCastleSecp256k1.INSTANCE;
  }

  /**
   * The libsecp256k1 backend (JNI). Throws {@link UnsupportedOperationException} when its native
   * library cannot load on this platform.
   */
  static Secp256k1 nativeLibrary() {
    return Backends.nativeLibrary();
  }

  /** A short name for logs and benchmarks: {@code libsecp256k1} or {@code bouncycastle}. */
  String name();

  /** The 64-byte public key of a private key. */
  byte[] publicKey(byte[] privateKey);

  /** 33-byte SEC1 compressed form of a 64-byte public key. */
  byte[] compress(byte[] publicKey);

  /** The 64-byte public key of a 33-byte compressed or 65-byte uncompressed SEC1 encoding. */
  byte[] decode(byte[] encoded);

  /**
   * Signs a 32-byte hash with RFC 6979 deterministic nonces, normalised to low S. Returns 65 bytes:
   * r || s || v with v the recovery id (0 or 1).
   */
  byte[] sign(byte[] hash, byte[] privateKey);

  /** The 64-byte public key that made a 65-byte r || s || v signature of the hash. */
  byte[] recover(byte[] hash, byte[] signature);

  /**
   * Checks a 64-byte r || s signature of the hash against a public key. High-S signatures are
   * rejected, as geth rejects them.
   */
  boolean verify(byte[] hash, byte[] signature, byte[] publicKey);

  /** ECDH as RLPx uses it: the 32-byte x coordinate of privateKey * publicKey. */
  byte[] agreeX(byte[] privateKey, byte[] publicKey);

  /** ECDH as discv5 uses it: the 33-byte compressed point privateKey * publicKey. */
  byte[] agreeCompressed(byte[] privateKey, byte[] publicKey);
}
