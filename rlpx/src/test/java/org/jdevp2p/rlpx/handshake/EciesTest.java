package org.jdevp2p.rlpx.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.rlpx.FailureReason;
import org.jdevp2p.rlpx.RlpxException;
import org.junit.jupiter.api.Test;

class EciesTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final PrivateKey KEY = PrivateKey.random();
  private static final byte[] MESSAGE = "attack at dawn".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHARED = {0x01, (byte) 0xb3};

  private static byte[] sealed() {
    return Ecies.encrypt(KEY.publicKey(), MESSAGE, SHARED, RANDOM);
  }

  private static void assertDecryptFails(byte[] data, PrivateKey key, byte[] shared) {
    assertThatThrownBy(() -> Ecies.decrypt(key, data, 0, data.length, shared))
        .isInstanceOfSatisfying(
            RlpxException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.HANDSHAKE_DECRYPT_FAILED));
  }

  @Test
  void roundTripRecoversThePlaintext() {
    byte[] c = sealed();
    assertThat(Ecies.decrypt(KEY, c, 0, c.length, SHARED)).isEqualTo(MESSAGE);
  }

  @Test
  void ciphertextIsPlaintextPlusOverheadOf113Bytes() {
    assertThat(sealed()).hasSize(MESSAGE.length + 113);
  }

  @Test
  void roundTripOfEmptyMessage() {
    byte[] c = Ecies.encrypt(KEY.publicKey(), new byte[0], SHARED, RANDOM);
    assertThat(Ecies.decrypt(KEY, c, 0, c.length, SHARED)).isEmpty();
  }

  @Test
  void flippedCiphertextByteFailsTheMac() {
    byte[] c = sealed();
    c[65 + 16] ^= 1;
    assertDecryptFails(c, KEY, SHARED);
  }

  @Test
  void flippedIvByteFailsTheMac() {
    byte[] c = sealed();
    c[65] ^= 1;
    assertDecryptFails(c, KEY, SHARED);
  }

  @Test
  void flippedTagByteFailsTheMac() {
    byte[] c = sealed();
    c[c.length - 1] ^= 1;
    assertDecryptFails(c, KEY, SHARED);
  }

  @Test
  void otherSharedMacDataFailsTheMac() {
    assertDecryptFails(sealed(), KEY, new byte[] {0x01, (byte) 0xb4});
  }

  @Test
  void otherRecipientKeyFailsTheMac() {
    assertDecryptFails(sealed(), PrivateKey.random(), SHARED);
  }

  @Test
  void ephemeralKeyOffTheCurveIsRejected() {
    byte[] c = sealed();
    c[64] ^= 1; // last byte of Y
    assertDecryptFails(c, KEY, SHARED);
  }

  @Test
  void inputShorterThanTheOverheadIsRejectedBeforeAnyWork() {
    assertDecryptFails(new byte[112], KEY, SHARED);
  }
}
