package org.jdevp2p.rlpx.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.rlpx.FailureReason;
import org.jdevp2p.rlpx.RlpxException;
import org.jdevp2p.testing.Vectors;
import org.junit.jupiter.api.Test;

/** The handshake codec, and our expiration extension of the auth. */
class HandshakeTest {
  private static final PrivateKey INITIATOR_KEY = PrivateKey.random();

  /** static_key_b of the EIP-8 vectors, so that the vector auths (geth's form) reach us. */
  private static final PrivateKey RESPONDER_KEY =
      PrivateKey.fromBytes(Vectors.hex(Vectors.load("rlpx-eip8.json").get("keys"), "static_key_b"));

  private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

  private static HandshakeConfig config(Instant now, boolean strict) {
    return HandshakeConfig.builder()
        .clock(InstantSource.fixed(now))
        .requireExpiration(strict)
        .build();
  }

  private static Handshake.Responder responder(Instant now, boolean strict) {
    return new Handshake.Responder(RESPONDER_KEY, config(now, strict), new AuthReplayCache());
  }

  private static byte[] authMadeAt(Instant now) {
    return new Handshake.Initiator(INITIATOR_KEY, RESPONDER_KEY.publicKey(), config(now, false))
        .authPacket();
  }

  private static void assertRejected(Runnable action, FailureReason reason) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(RlpxException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void bothSidesAgreeOnSecretsAndCrossedMacStates() {
    Handshake.Initiator initiator =
        new Handshake.Initiator(INITIATOR_KEY, RESPONDER_KEY.publicKey(), config(NOW, true));
    Handshake.Response response = responder(NOW, true).respond(initiator.authPacket());
    Secrets a = initiator.readAck(response.ackPacket());
    Secrets b = response.secrets();

    assertThat(a.remoteKey()).isEqualTo(RESPONDER_KEY.publicKey());
    assertThat(b.remoteKey()).isEqualTo(INITIATOR_KEY.publicKey());
    assertThat(a.aesSecret()).isEqualTo(b.aesSecret());
    assertThat(a.macSecret()).isEqualTo(b.macSecret());
    assertThat(a.egressMacSeed()).isEqualTo(b.ingressMacSeed());
    assertThat(a.ingressMacSeed()).isEqualTo(b.egressMacSeed());
  }

  @Test
  void authPacketIsSizePrefixedAndPaddedWithinGethLimits() {
    byte[] auth = authMadeAt(NOW);
    int size = Handshake.messageSize(auth[0], auth[1]);

    assertThat(size).isEqualTo(auth.length - Handshake.PREFIX_LENGTH);
    assertThat(size).isLessThanOrEqualTo(Handshake.MAX_MESSAGE_SIZE);
    Bytes plain = Handshake.open(RESPONDER_KEY, auth);
    int bodyLength = AuthMessage.decode(plain).encode().size();
    assertThat(plain.size() - bodyLength).isBetween(100, 199);
  }

  @Test
  void ourAuthCarriesAnExpirationHalfAWindowAhead() {
    AuthMessage auth = AuthMessage.decode(Handshake.open(RESPONDER_KEY, authMadeAt(NOW)));

    assertThat(auth.version()).isEqualTo(AuthMessage.VERSION);
    assertThat(auth.expiration()).hasValue(NOW.getEpochSecond() + 15);
  }

  @Test
  void validAuthIsAccepted() {
    Handshake.Response response = responder(NOW, true).respond(authMadeAt(NOW));
    assertThat(response.auth().expiration()).isPresent();
    assertThat(response.secrets().remoteKey()).isEqualTo(INITIATOR_KEY.publicKey());
  }

  @Test
  void expiredAuthIsRejected() {
    byte[] auth = authMadeAt(NOW);
    assertRejected(
        () -> responder(NOW.plusSeconds(16), false).respond(auth), FailureReason.AUTH_EXPIRED);
  }

  @Test
  void authExpiringFurtherAheadThanTheWindowIsRejected() {
    byte[] auth = authMadeAt(NOW.plus(Duration.ofSeconds(16)));
    assertRejected(() -> responder(NOW, false).respond(auth), FailureReason.AUTH_FROM_FUTURE);
  }

  @Test
  void replayedNonceIsRejected() {
    Handshake.Responder responder = responder(NOW, false);
    byte[] auth = authMadeAt(NOW);
    responder.respond(auth);
    assertRejected(() -> responder.respond(auth), FailureReason.AUTH_REPLAYED);
  }

  @Test
  void authWithoutExpirationIsAcceptedByDefault() {
    // geth's auth (EIP-8 vector Auth2) carries no expiration element.
    Handshake.Response response = responder(NOW, false).respond(gethAuth());
    assertThat(response.auth().expiration()).isEmpty();
  }

  @Test
  void authWithoutExpirationIsRejectedInStrictMode() {
    assertRejected(
        () -> responder(NOW, true).respond(gethAuth()), FailureReason.AUTH_EXPIRATION_MISSING);
  }

  @Test
  void replayOfAuthWithoutExpirationIsRejectedInsideTheWindow() {
    Handshake.Responder responder = responder(NOW, false);
    responder.respond(gethAuth());
    assertRejected(() -> responder.respond(gethAuth()), FailureReason.AUTH_REPLAYED);
  }

  @Test
  void authWithHigherVersionAndExtraElementsIsAccepted() {
    // EIP-8 vector Auth3: auth-vsn 56 and three extra elements, all to be ignored.
    Handshake.Response response = responder(NOW, false).respond(vectorPacket("Auth3"));
    assertThat(response.auth().version()).isEqualTo(56);
  }

  @Test
  void ackFromAnotherKeyThanTheOneDialedFailsToDecrypt() {
    Handshake.Initiator initiator =
        new Handshake.Initiator(INITIATOR_KEY, RESPONDER_KEY.publicKey(), config(NOW, false));
    initiator.authPacket();
    PrivateKey someoneElse = PrivateKey.random();
    byte[] foreignAck =
        responder(NOW, false)
            .respond(
                new Handshake.Initiator(someoneElse, RESPONDER_KEY.publicKey(), config(NOW, false))
                    .authPacket())
            .ackPacket();

    assertRejected(() -> initiator.readAck(foreignAck), FailureReason.HANDSHAKE_DECRYPT_FAILED);
  }

  @Test
  void sizePrefixAboveTwoKibIsRejected() {
    byte[] packet = new byte[2 + 2049];
    packet[0] = 0x08;
    packet[1] = 0x01;
    assertRejected(() -> responder(NOW, false).respond(packet), FailureReason.HANDSHAKE_TOO_LARGE);
  }

  @Test
  void sizePrefixDisagreeingWithThePacketIsRejected() {
    byte[] auth = authMadeAt(NOW);
    byte[] truncated = Arrays.copyOf(auth, auth.length - 1);
    assertRejected(
        () -> responder(NOW, false).respond(truncated), FailureReason.HANDSHAKE_DECRYPT_FAILED);
  }

  @Test
  void authBodyThatIsNotRlpIsMalformed() {
    byte[] packet = Handshake.seal(RESPONDER_KEY.publicKey(), Bytes.fromHexString("0xff"));
    assertRejected(() -> responder(NOW, false).respond(packet), FailureReason.HANDSHAKE_MALFORMED);
  }

  @Test
  void authWithEmptyPlaintextIsMalformed() {
    // Size 113 is exactly the ECIES overhead: the MAC verifies and there is nothing to decode.
    byte[] prefix = {0x00, 0x71};
    byte[] sealed =
        Ecies.encrypt(RESPONDER_KEY.publicKey(), new byte[0], prefix, new SecureRandom());
    byte[] packet = Bytes.concatenate(Bytes.wrap(prefix), Bytes.wrap(sealed)).toArray();
    assertRejected(() -> responder(NOW, false).respond(packet), FailureReason.HANDSHAKE_MALFORMED);
  }

  @Test
  void authWithNonCanonicalVersionIsMalformed() {
    AuthMessage valid = AuthMessage.decode(Handshake.open(RESPONDER_KEY, authMadeAt(NOW)));
    Bytes body =
        RLP.encodeList(
            w -> {
              w.writeValue(valid.signature().toRecoverable());
              w.writeValue(valid.initiatorKey().bytes());
              w.writeValue(valid.nonce());
              w.writeRLP(Bytes.fromHexString("0x8104")); // 4 must be the single byte 0x04
            });
    assertRejected(() -> AuthMessage.decode(body), FailureReason.HANDSHAKE_MALFORMED);
  }

  @Test
  void authMessageEncodesAndDecodesWithExpiration() {
    AuthMessage auth =
        new AuthMessage(
            INITIATOR_KEY.sign(Bytes32.ZERO),
            INITIATOR_KEY.publicKey(),
            Bytes32.random(),
            AuthMessage.VERSION,
            OptionalLong.of(1_800_000_000L));
    assertThat(AuthMessage.decode(auth.encode())).isEqualTo(auth);
  }

  private static byte[] gethAuth() {
    return vectorPacket("Auth2");
  }

  /** EIP-8 vector packets are encrypted to static_key_b: answer them as B. */
  private static byte[] vectorPacket(String name) {
    for (var p : Vectors.load("rlpx-eip8.json").get("auth_packets")) {
      if (p.get("name").asText().equals(name)) return Vectors.hex(p, "packet").toArray();
    }
    throw new IllegalArgumentException(name);
  }
}
