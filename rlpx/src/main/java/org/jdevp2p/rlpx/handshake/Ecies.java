package org.jdevp2p.rlpx.handshake;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.InvalidKeyException;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.rlpx.FailureReason;
import org.jdevp2p.rlpx.RlpxException;

/**
 * ECIES as devp2p uses it for the two handshake packets (geth crypto/ecies, ECIES_AES128_SHA256):
 * NIST SP 800-56 concat KDF over SHA-256, AES-128-CTR, HMAC-SHA-256 keyed with the SHA-256 of the
 * second KDF half, over {@code iv || c || sharedMacData}. Output: {@code R(65) || iv(16) || c ||
 * d(32)}.
 */
final class Ecies {
  /** Uncompressed ephemeral point 0x04 || X || Y. */
  private static final int POINT_LENGTH = 65;

  /** AES block size, the CTR IV length. */
  private static final int IV_LENGTH = 16;

  /** HMAC-SHA-256 tag. */
  private static final int TAG_LENGTH = 32;

  /** AES-128: the first half of the 32-byte KDF output. */
  private static final int AES_KEY_LENGTH = 16;

  /** Bytes ECIES adds to a message: R, iv and tag (113, as in the spec). */
  static final int OVERHEAD = POINT_LENGTH + IV_LENGTH + TAG_LENGTH;

  private Ecies() {}

  static byte[] encrypt(
      PublicKey recipient, byte[] plaintext, byte[] sharedMacData, SecureRandom random) {
    PrivateKey ephemeral = PrivateKey.random();
    byte[] k = kdf(ephemeral.agreeX(recipient).toArrayUnsafe());
    byte[] out = new byte[OVERHEAD + plaintext.length];
    out[0] = 0x04;
    System.arraycopy(ephemeral.publicKey().bytes().toArrayUnsafe(), 0, out, 1, 64);
    byte[] iv = new byte[IV_LENGTH];
    random.nextBytes(iv);
    System.arraycopy(iv, 0, out, POINT_LENGTH, IV_LENGTH);
    try {
      Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
      aes.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(k, 0, AES_KEY_LENGTH, "AES"),
          new IvParameterSpec(iv));
      aes.doFinal(plaintext, 0, plaintext.length, out, POINT_LENGTH + IV_LENGTH);
      Mac hmac = hmac(k);
      hmac.update(out, POINT_LENGTH, IV_LENGTH + plaintext.length);
      hmac.update(sharedMacData);
      hmac.doFinal(out, POINT_LENGTH + IV_LENGTH + plaintext.length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks AES-CTR or HMAC-SHA256", e);
    }
    return out;
  }

  /**
   * Decrypts {@code data[offset, offset+length)}. Fails with {@link
   * FailureReason#HANDSHAKE_DECRYPT_FAILED} when the input is too short to hold R, iv and tag, R is
   * not a point on the curve, or the tag does not match (checked before decrypting).
   */
  static byte[] decrypt(PrivateKey key, byte[] data, int offset, int length, byte[] sharedMacData) {
    if (length < OVERHEAD) {
      throw failure("ciphertext of " + length + " bytes is shorter than the ECIES overhead");
    }
    if (data[offset] != 0x04) {
      throw failure("ephemeral key is not an uncompressed point");
    }
    PublicKey ephemeral;
    try {
      ephemeral = PublicKey.fromBytes(Bytes.wrap(data, offset, POINT_LENGTH));
    } catch (InvalidKeyException e) {
      throw failure("ephemeral key: " + e.getMessage());
    }
    byte[] k = kdf(key.agreeX(ephemeral).toArrayUnsafe());
    int ivOffset = offset + POINT_LENGTH;
    int cipherLength = length - OVERHEAD;
    int tagOffset = ivOffset + IV_LENGTH + cipherLength;
    try {
      Mac hmac = hmac(k);
      hmac.update(data, ivOffset, IV_LENGTH + cipherLength);
      hmac.update(sharedMacData);
      byte[] expected = hmac.doFinal();
      byte[] tag = new byte[TAG_LENGTH];
      System.arraycopy(data, tagOffset, tag, 0, TAG_LENGTH);
      if (!MessageDigest.isEqual(expected, tag)) {
        throw failure("MAC mismatch (wrong recipient key or tampered message)");
      }
      Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
      aes.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(k, 0, AES_KEY_LENGTH, "AES"),
          new IvParameterSpec(data, ivOffset, IV_LENGTH));
      return aes.doFinal(data, ivOffset + IV_LENGTH, cipherLength);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks AES-CTR or HMAC-SHA256", e);
    }
  }

  /** Concat KDF, one round: SHA-256(counter = 1 (4 bytes BE) || z), with empty "other info". */
  private static byte[] kdf(byte[] z) {
    MessageDigest sha256 = sha256();
    sha256.update(new byte[] {0, 0, 0, 1});
    sha256.update(z);
    return sha256.digest();
  }

  /** The MAC key is SHA-256 of the second KDF half, not the half itself (geth ecies.go). */
  private static Mac hmac(byte[] k) throws GeneralSecurityException {
    MessageDigest sha256 = sha256();
    sha256.update(k, AES_KEY_LENGTH, k.length - AES_KEY_LENGTH);
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(sha256.digest(), "HmacSHA256"));
    return hmac;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks SHA-256", e);
    }
  }

  private static RlpxException failure(String message) {
    return new RlpxException(FailureReason.HANDSHAKE_DECRYPT_FAILED, message);
  }
}
