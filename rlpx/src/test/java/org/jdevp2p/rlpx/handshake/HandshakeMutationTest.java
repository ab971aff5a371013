package org.jdevp2p.rlpx.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.rlpx.RlpxException;
import org.junit.jupiter.api.Test;

/** Damaged handshake bodies fail with RlpxException and nothing else. */
class HandshakeMutationTest {
  private static final int ROUNDS = 2000;
  private final Random random = new Random(3);
  private final PrivateKey responderKey = PrivateKey.random();

  private Bytes validAuthBody() {
    byte[] packet =
        new Handshake.Initiator(
                PrivateKey.random(), responderKey.publicKey(), HandshakeConfig.defaults())
            .authPacket();
    return AuthMessage.decode(Handshake.open(responderKey, packet)).encode();
  }

  private Bytes mutate(Bytes valid) {
    byte[] b = valid.toArray();
    switch (random.nextInt(3)) {
      case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
      case 1 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      default -> {
        return Bytes.wrap(b, 0, random.nextInt(b.length));
      }
    }
    return Bytes.wrap(b);
  }

  @Test
  void damagedAuthBodiesDecodeOrFailWithRlpxException() {
    Bytes valid = validAuthBody();
    int failures = 0;
    for (int i = 0; i < ROUNDS; i++) {
      try {
        AuthMessage.decode(mutate(valid));
      } catch (RlpxException expected) {
        failures++;
      }
    }
    assertThat(failures).isPositive();
  }

  @Test
  void damagedAckBodiesDecodeOrFailWithRlpxException() {
    Bytes valid = new AckMessage(PrivateKey.random().publicKey(), Bytes32.random(), 4).encode();
    int failures = 0;
    for (int i = 0; i < ROUNDS; i++) {
      try {
        AckMessage.decode(mutate(valid));
      } catch (RlpxException expected) {
        failures++;
      }
    }
    assertThat(failures).isPositive();
  }

  @Test
  void damagedAuthsReachingTheResponderFailWithRlpxException() {
    Bytes valid = validAuthBody();
    Handshake.Responder responder =
        new Handshake.Responder(responderKey, HandshakeConfig.defaults(), new AuthReplayCache());
    int failures = 0;
    for (int i = 0; i < 100; i++) {
      try {
        responder.respond(Handshake.seal(responderKey.publicKey(), mutate(valid)));
      } catch (RlpxException expected) {
        failures++;
      }
    }
    assertThat(failures).isPositive();
  }
}
