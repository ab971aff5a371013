package org.jdevp2p.discv5.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jdevp2p.discv5.wire.WireVectors.ID_A;
import static org.jdevp2p.discv5.wire.WireVectors.ID_B;
import static org.jdevp2p.discv5.wire.WireVectors.KEY_A;
import static org.jdevp2p.discv5.wire.WireVectors.KEY_B;

import java.util.SplittableRandom;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.discv5.wire.PacketDecodeException.Reason;
import org.junit.jupiter.api.Test;

/** Packets the codec builds itself, sent from node A to node B. */
class PacketCodecRoundTripTest {
  private final PacketCodec nodeA = new PacketCodec(KEY_A, new SplittableRandom(1));
  private final PacketCodec nodeB = new PacketCodec(KEY_B, new SplittableRandom(2));
  private final Session session =
      new Session(Bytes.repeat((byte) 3, 16), Bytes.repeat((byte) 3, 16), new SplittableRandom(3));

  @Test
  void whoAreYouIsSixtyThreeBytesAndDecodesToItself() throws Exception {
    Packet.WhoAreYou challenge = nodeB.whoAreYou(Bytes.repeat((byte) 9, 12), 17);
    Bytes datagram = nodeB.encode(challenge, ID_A);
    assertThat(datagram.size()).isEqualTo(PacketCodec.MIN_PACKET_SIZE);
    assertThat(nodeA.decode(datagram)).isEqualTo(challenge);
  }

  @Test
  void randomPacketReachesItsRecipientAsAnUndecryptableMessage() throws Exception {
    Packet.Ordinary random = nodeA.randomPacket();
    Packet.Ordinary received = (Packet.Ordinary) nodeB.decode(nodeA.encode(random, ID_B));
    assertThat(received.srcId()).isEqualTo(ID_A);
    assertThat(received.nonce()).isEqualTo(random.nonce());
    assertThatThrownBy(() -> nodeB.open(received, session))
        .extracting(e -> ((PacketDecodeException) e).reason())
        .isEqualTo(Reason.MESSAGE_DECRYPT);
  }

  @Test
  void sealedMessageOpensUnderTheSameKeys() throws Exception {
    Message ping = new Message.Ping(new RequestId(Bytes.of(1)), 9);
    Packet.Ordinary received =
        (Packet.Ordinary) nodeB.decode(nodeA.encode(nodeA.seal(session, ping), ID_B));
    assertThat(nodeB.open(received, session)).isEqualTo(ping);
  }

  @Test
  void eachSealedPacketHasItsOwnNonce() {
    Message ping = new Message.Ping(new RequestId(Bytes.of(1)), 9);
    assertThat(nodeA.seal(session, ping).nonce()).isNotEqualTo(nodeA.seal(session, ping).nonce());
  }

  @Test
  void packetOverTheMaximumSizeIsNotEncoded() {
    Message big = new Message.TalkResp(new RequestId(Bytes.of(1)), Bytes.wrap(new byte[1200]));
    Packet.Ordinary sealed = nodeA.seal(session, big);
    assertThatThrownBy(() -> nodeA.encode(sealed, ID_B))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1280");
  }
}
