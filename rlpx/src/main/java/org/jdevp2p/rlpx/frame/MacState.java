package org.jdevp2p.rlpx.frame;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.rlpx.FailureReason;
import org.jdevp2p.rlpx.RlpxException;

/**
 * One direction's frame MAC (spec rlpx.md 4.1, geth hashMAC): a Keccak-256 sponge that is never
 * finalised, and AES-256-ECB keyed with mac-secret. "digest" means finalising a copy of the sponge;
 * {@link KeccakSponge} does that without allocating.
 */
final class MacState {
  /** Frame MACs are the first 16 bytes of the Keccak digest. */
  static final int MAC_LENGTH = 16;

  private final KeccakSponge mac = new KeccakSponge();
  private final Cipher aes;
  private final byte[] digest = new byte[32];
  private final byte[] seed = new byte[MAC_LENGTH];

  MacState(Bytes initialInput, byte[] macSecret) {
    byte[] initial = initialInput.toArray();
    mac.update(initial, 0, initial.length);
    try {
      aes = Cipher.getInstance("AES/ECB/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(macSecret, "AES"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks AES-256-ECB", e);
    }
  }

  /** header-mac of the 16-byte header ciphertext at {@code header[offset]}, into {@code out}. */
  void headerMac(byte[] header, int offset, byte[] out, int outOffset) {
    digest();
    encrypt(digest);
    for (int i = 0; i < MAC_LENGTH; i++) seed[i] ^= header[offset + i];
    finish(out, outOffset);
  }

  /** frame-mac of the padded frame ciphertext, into {@code out}. */
  void frameMac(byte[] frame, int offset, int length, byte[] out, int outOffset) {
    mac.update(frame, offset, length);
    digest();
    encrypt(digest);
    for (int i = 0; i < MAC_LENGTH; i++) seed[i] ^= digest[i];
    finish(out, outOffset);
  }

  /** Checks a received MAC against the one computed into {@code expected}, in constant time. */
  static void check(byte[] expected, byte[] received, int offset, FailureReason reason) {
    int diff = 0;
    for (int i = 0; i < MAC_LENGTH; i++) diff |= expected[i] ^ received[offset + i];
    if (diff != 0) throw new RlpxException(reason, "MAC mismatch");
  }

  private void finish(byte[] out, int outOffset) {
    mac.update(seed, 0, MAC_LENGTH);
    digest();
    System.arraycopy(digest, 0, out, outOffset, MAC_LENGTH);
  }

  private void digest() {
    mac.digest(digest, 0);
  }

  /** seed = AES(block[0:16]). */
  private void encrypt(byte[] block) {
    try {
      aes.update(block, 0, MAC_LENGTH, seed, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
