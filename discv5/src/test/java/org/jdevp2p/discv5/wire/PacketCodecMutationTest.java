package org.jdevp2p.discv5.wire;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.jdevp2p.discv5.wire.WireVectors.KEY_B;
import static org.jdevp2p.discv5.wire.WireVectors.RECORD_A;
import static org.jdevp2p.discv5.wire.WireVectors.ZEROS;
import static org.jdevp2p.discv5.wire.WireVectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.Test;

/**
 * Damaged packets and messages fail only with {@link PacketDecodeException}: no other exception may
 * reach the service's Netty handler. Mutations are seeded, so a failure repeats.
 */
class PacketCodecMutationTest {
  private static final int MUTATIONS = 2000;
  private final PacketCodec nodeB = new PacketCodec(KEY_B, ZEROS);
  private final Random random = new Random(7);

  @Test
  void damagedVectorPacketsFailOnlyWithDecodeExceptions() {
    for (JsonNode v : WireVectors.ALL.get("packets")) {
      Bytes original = hex(v, "packet");
      JsonNode in = v.get("inputs");
      Bytes challenge =
          in.has("whoareyou_challenge_data")
              ? hex(in, "whoareyou_challenge_data")
              : Bytes.wrap(new byte[PacketCodec.MIN_PACKET_SIZE]);
      // the WHOAREYOU vector has no key; a mutated one that parses as a message gets a zero key
      Bytes key = in.has("read_key") ? hex(in, "read_key") : Bytes.wrap(new byte[16]);
      for (int i = 0; i < MUTATIONS; i++) {
        Bytes damaged = mutate(original);
        assertThatCode(() -> receive(damaged, challenge, key))
            .as("packet %s", damaged)
            .doesNotThrowAnyException();
      }
    }
  }

  @Test
  void damagedMessagesFailOnlyWithDecodeExceptions() throws Exception {
    RequestId id = RequestId.random(random);
    List<Message> messages =
        List.of(
            new Message.Ping(id, 1),
            new Message.Pong(id, 1, InetAddress.getByName("::1"), 9000),
            new Message.FindNode(id, List.of(256, 0)),
            new Message.Nodes(
                id, 1, List.of(RECORD_A, NodeRecord.builder().seq(3).sign(PrivateKey.random()))),
            new Message.TalkReq(id, Bytes.of(1), Bytes.of(2)),
            new Message.TalkResp(id, Bytes.of(3)),
            new Message.RegTopic(id, Bytes32.ZERO, RECORD_A, Bytes.of(1, 2), List.of(256, 1)),
            new Message.RegConfirmation(id, 2, Bytes.of(4), 900_000),
            new Message.TopicQuery(id, Bytes32.ZERO, List.of(256)),
            new Message.TopicNodes(id, 1, List.of(RECORD_A)));
    for (Message m : messages) {
      Bytes original = MessageCodec.encode(m);
      for (int i = 0; i < MUTATIONS; i++) {
        Bytes damaged = mutate(original);
        assertThatCode(() -> decodeMessage(damaged))
            .as("message %s", damaged)
            .doesNotThrowAnyException();
      }
    }
  }

  private void receive(Bytes datagram, Bytes challenge, Bytes key) {
    try {
      switch (nodeB.decode(datagram)) {
        case Packet.Ordinary o -> nodeB.open(o, new Session(key, key, ZEROS));
        case Packet.Handshake h -> nodeB.acceptHandshake(h, challenge, Optional.empty());
        case Packet.WhoAreYou w -> w.challengeData();
      }
    } catch (PacketDecodeException expected) {
      // dropped and counted: the behaviour we want
    }
  }

  private static void decodeMessage(Bytes plaintext) {
    try {
      MessageCodec.decode(plaintext);
    } catch (PacketDecodeException expected) {
      // dropped and counted: the behaviour we want
    }
  }

  /** One to three byte flips, a truncation, or an extension with random bytes. */
  private Bytes mutate(Bytes original) {
    byte[] b = original.toArray();
    switch (random.nextInt(3)) {
      case 0 -> {
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
          b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return Bytes.wrap(b);
      }
      case 1 -> {
        return Bytes.wrap(b, 0, random.nextInt(b.length));
      }
      default -> {
        byte[] tail = new byte[1 + random.nextInt(40)];
        random.nextBytes(tail);
        return Bytes.concatenate(Bytes.wrap(b), Bytes.wrap(tail));
      }
    }
  }
}
