package org.jdevp2p.discv5.wire;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two ciphers of the discv5 wire: AES-128-CTR for header masking and AES-128-GCM for messages.
 * The JCE instances are created once and re-initialised per packet (creating them is the costly
 * part). Not thread-safe: each {@link PacketCodec} owns one.
 */
final class WireCipher {
  /** AES-128: masking keys are dest-id[:16], session keys 16 bytes of HKDF output. */
  static final int KEY_SIZE = 16;

  /** The GCM tag, 128 bits as the spec's aesgcm_encrypt produces. */
  static final int TAG_SIZE = 16;

  private final Cipher ctr;
  private final Cipher gcm;

  WireCipher() {
    try {
      ctr = Cipher.getInstance("AES/CTR/NoPadding");
      gcm = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES-CTR or AES-GCM", e);
    }
  }

  static SecretKeySpec key(byte[] bytes, int offset) {
    return new SecretKeySpec(bytes, offset, KEY_SIZE, "AES");
  }

  /** Starts a masking keystream; {@link #mask} then XORs consecutive bytes of it. */
  void startMask(SecretKeySpec key, byte[] iv, int ivOffset) {
    try {
      ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv, ivOffset, Packet.MASKING_IV_SIZE));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR refused a 16-byte key and IV", e);
    }
  }

  /**
   * XORs the next {@code len} keystream bytes over {@code in[off..]} into {@code out[outOff..]}.
   */
  void mask(byte[] in, int off, int len, byte[] out, int outOff) {
    try {
      ctr.update(in, off, len, out, outOff);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR failed", e);
    }
  }

  /**
   * Seals {@code plaintext[off, off+len)} into {@code out[outOff..]}: ciphertext then tag, {@code
   * len + TAG_SIZE} bytes. The associated data is {@code aad[0, aadLen)}.
   */
  void seal(
      SecretKeySpec key,
      byte[] nonce,
      byte[] aad,
      int aadLen,
      byte[] plaintext,
      int off,
      int len,
      byte[] out,
      int outOff) {
    try {
      gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_SIZE * 8, nonce));
      gcm.updateAAD(aad, 0, aadLen);
      gcm.doFinal(plaintext, off, len, out, outOff);
    } catch (GeneralSecurityException e) {
      // Includes the JDK refusing a (key, nonce) pair it just used: a nonce reuse is a bug here.
      throw new IllegalStateException("AES-GCM seal failed", e);
    }
  }

  /** Opens ciphertext-with-tag {@code in[off, off+len)}; null when the tag does not verify. */
  byte[] open(SecretKeySpec key, byte[] nonce, byte[] aad, byte[] in, int off, int len) {
    if (len < TAG_SIZE) return null;
    try {
      gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_SIZE * 8, nonce));
      gcm.updateAAD(aad);
      return gcm.doFinal(in, off, len);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM open failed", e);
    }
  }
}
