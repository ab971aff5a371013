package org.jdevp2p.crypto;

import fr.acinq.secp256k1.Secp256k1Exception;
import java.util.Arrays;

/**
 * secp256k1 on libsecp256k1 (bitcoin-core's C library) through ACINQ's JNI binding. libsecp256k1
 * signs with RFC 6979 nonces and always emits low-S signatures, and its verify rejects high-S ones,
 * so it behaves exactly like {@link BouncyCastleSecp256k1}; the shared tests hold both to that.
 */
final class LibSecp256k1 implements Secp256k1 {
  private static final int KEY_SIZE = 32;
  private static final int COMPACT_SIGNATURE_SIZE = 64;
  private static final int RECOVERABLE_SIGNATURE_SIZE = 65;
  private static final int SEC1_UNCOMPRESSED_SIZE = 65;
  private static final int SEC1_COMPRESSED_SIZE = 33;

  private final fr.acinq.secp256k1.Secp256k1 lib;

  private LibSecp256k1(fr.acinq.secp256k1.Secp256k1 lib) {
    this.lib = lib;
  }

  /**
   * Loads the native library (extracted from the jar to a temporary directory by the binding).
   * Throws a {@link LinkageError} or {@link RuntimeException} on a platform it does not support.
   */
  static LibSecp256k1 load() {
    return new LibSecp256k1(fr.acinq.secp256k1.Secp256k1.get());
  }

  @Override
  public String name() {
    return "libsecp256k1";
  }

  @Override
  public byte[] publicKey(byte[] privateKey) {
    checkPrivateKey(privateKey);
    return xy(lib.pubkeyCreate(privateKey));
  }

  @Override
  public byte[] compress(byte[] publicKey) {
    return compressed(parse(sec1(publicKey)));
  }

  @Override
  public byte[] decode(byte[] encoded) {
    if (encoded.length != SEC1_COMPRESSED_SIZE && encoded.length != SEC1_UNCOMPRESSED_SIZE) {
      throw new InvalidKeyException("public key must be 33 or 65 bytes, got " + encoded.length);
    }
    return xy(parse(encoded));
  }

  @Override
  public byte[] sign(byte[] hash, byte[] privateKey) {
    checkHash(hash);
    checkPrivateKey(privateKey);
    byte[] rs = lib.sign(hash, privateKey);
    // The binding has no recoverable signing, so the recovery id is found by recovering with id 0:
    // it yields either our key (v = 0) or the key for the other y parity of R (v = 1). The ids 2
    // and 3 (R.x >= n) have probability ~2^-128 and are left out, as geth's signer leaves them.
    byte[] recovered = lib.ecdsaRecover(rs, hash, 0);
    int v = Arrays.equals(recovered, lib.pubkeyCreate(privateKey)) ? 0 : 1;
    byte[] out = Arrays.copyOf(rs, RECOVERABLE_SIGNATURE_SIZE);
    out[COMPACT_SIGNATURE_SIZE] = (byte) v;
    return out;
  }

  @Override
  public byte[] recover(byte[] hash, byte[] signature) {
    checkHash(hash);
    if (signature.length != RECOVERABLE_SIGNATURE_SIZE) {
      throw new InvalidKeyException("recoverable signature must be 65 bytes");
    }
    int v = signature[COMPACT_SIGNATURE_SIZE];
    if (v != 0 && v != 1) throw new InvalidKeyException("recovery id must be 0 or 1, got " + v);
    try {
      return xy(lib.ecdsaRecover(Arrays.copyOf(signature, COMPACT_SIGNATURE_SIZE), hash, v));
    } catch (Secp256k1Exception e) {
      throw new InvalidKeyException("signature recovers no key");
    }
  }

  @Override
  public boolean verify(byte[] hash, byte[] signature, byte[] publicKey) {
    checkHash(hash);
    if (signature.length != COMPACT_SIGNATURE_SIZE) return false;
    byte[] key = parse(sec1(publicKey));
    try {
      // secp256k1_ecdsa_verify accepts only lower-S signatures, as geth requires.
      return lib.verify(signature, hash, key);
    } catch (Secp256k1Exception unparseable) {
      return false; // r or s not below n
    }
  }

  @Override
  public byte[] agreeX(byte[] privateKey, byte[] publicKey) {
    return Arrays.copyOfRange(agree(privateKey, publicKey), 1, 1 + KEY_SIZE);
  }

  @Override
  public byte[] agreeCompressed(byte[] privateKey, byte[] publicKey) {
    return compressed(agree(privateKey, publicKey));
  }

  /**
   * privateKey * publicKey as a 65-byte SEC1 point. Not the library's ecdh(), which hashes the
   * point; devp2p needs the point itself.
   */
  private byte[] agree(byte[] privateKey, byte[] publicKey) {
    checkPrivateKey(privateKey);
    byte[] key = parse(sec1(publicKey));
    try {
      return lib.pubKeyTweakMul(key, privateKey);
    } catch (Secp256k1Exception e) {
      throw new InvalidKeyException("ECDH failed: " + e.getMessage());
    }
  }

  private void checkPrivateKey(byte[] privateKey) {
    if (privateKey.length != KEY_SIZE) {
      throw new InvalidKeyException("private key must be 32 bytes, got " + privateKey.length);
    }
    if (!lib.secKeyVerify(privateKey)) {
      throw new InvalidKeyException("private key out of range [1, n-1]");
    }
  }

  /** Parses a SEC1 key; libsecp256k1 checks that it lies on the curve. Returns 65 bytes. */
  private byte[] parse(byte[] sec1) {
    try {
      return lib.pubkeyParse(sec1);
    } catch (Secp256k1Exception e) {
      throw new InvalidKeyException("public key is not a point on secp256k1");
    }
  }

  private static void checkHash(byte[] hash) {
    if (hash.length != KEY_SIZE) throw new IllegalArgumentException("hash must be 32 bytes");
  }

  private static byte[] sec1(byte[] publicKey) {
    if (publicKey.length != 2 * KEY_SIZE) {
      throw new InvalidKeyException("public key must be 64 bytes, got " + publicKey.length);
    }
    byte[] out = new byte[SEC1_UNCOMPRESSED_SIZE];
    out[0] = 0x04;
    System.arraycopy(publicKey, 0, out, 1, 2 * KEY_SIZE);
    return out;
  }

  private static byte[] xy(byte[] uncompressed) {
    return Arrays.copyOfRange(uncompressed, 1, SEC1_UNCOMPRESSED_SIZE);
  }

  private static byte[] compressed(byte[] uncompressed) {
    byte[] out = Arrays.copyOf(uncompressed, SEC1_COMPRESSED_SIZE);
    out[0] = (byte) ((uncompressed[SEC1_UNCOMPRESSED_SIZE - 1] & 1) == 0 ? 0x02 : 0x03);
    return out;
  }
}
