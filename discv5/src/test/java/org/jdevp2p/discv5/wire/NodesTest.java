package org.jdevp2p.discv5.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.wire.PacketDecodeException.Reason;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.Test;

/** NODES: the message, its record checks, and how a result set is split across packets. */
class NodesTest {
  private static final RequestId ID = new RequestId(Bytes.fromHexString("0x0102030405060708"));

  @Test
  void nodesRoundTripsItsRecords() throws Exception {
    Message.Nodes nodes = new Message.Nodes(ID, 2, List.of(record(10), record(20)));
    assertThat(MessageCodec.decode(MessageCodec.encode(nodes))).isEqualTo(nodes);
  }

  @Test
  void nodesWithARecordThatDoesNotVerifyIsRefused() {
    byte[] forged = record(10).encoded().toArray();
    forged[10] ^= 1; // inside the signature
    Bytes plaintext = nodesPlaintext(1, List.of(record(11).encoded(), Bytes.wrap(forged)));
    assertRejected(plaintext, Reason.BAD_RECORD);
  }

  @Test
  void nodesWithARecordOverThreeHundredBytesIsRefused() {
    Bytes huge = RLP.encodeList(w -> w.writeValue(Bytes.wrap(new byte[300])));
    assertRejected(nodesPlaintext(1, List.of(huge)), Reason.BAD_RECORD);
  }

  @Test
  void nodesWithATotalOverAByteIsRefused() {
    assertRejected(nodesPlaintext(256, List.of()), Reason.BAD_MESSAGE);
  }

  @Test
  void noRecordsPackIntoOneEmptyMessage() {
    assertThat(Message.Nodes.pack(ID, List.of()))
        .containsExactly(new Message.Nodes(ID, 1, List.of()));
  }

  @Test
  void smallRecordsShareOneMessage() {
    List<NodeRecord> records = List.of(record(0), record(0), record(0));
    assertThat(Message.Nodes.pack(ID, records)).containsExactly(new Message.Nodes(ID, 1, records));
  }

  @Test
  void maximumSizeRecordsGoThreeToAMessage() {
    List<NodeRecord> records = new ArrayList<>();
    for (int i = 0; i < 16; i++) records.add(recordOfMaximumSize());
    List<Message.Nodes> packed = Message.Nodes.pack(ID, records);
    assertThat(packed).hasSize(6).allSatisfy(n -> assertThat(n.total()).isEqualTo(6));
    assertThat(packed.get(0).records()).hasSize(3);
    assertThat(packed.stream().flatMap(n -> n.records().stream()))
        .containsExactlyElementsOf(records);
  }

  @Test
  void everyPackedMessageFitsAPacket() {
    List<NodeRecord> records = new ArrayList<>();
    for (int i = 0; i < 16; i++) records.add(i % 2 == 0 ? recordOfMaximumSize() : record(i));
    PacketCodec codec = new PacketCodec(WireVectors.KEY_A, WireVectors.ZEROS);
    Session session = new Session(Bytes.wrap(new byte[16]), Bytes.wrap(new byte[16]), () -> 7L);
    for (Message.Nodes nodes : Message.Nodes.pack(ID, records)) {
      Bytes datagram = codec.encode(codec.seal(session, nodes), WireVectors.ID_B);
      assertThat(datagram.size()).isLessThanOrEqualTo(PacketCodec.MAX_PACKET_SIZE);
    }
  }

  private static NodeRecord record(int port) {
    try {
      return NodeRecord.builder()
          .seq(1)
          .ip(InetAddress.getByName("10.0.0.1"))
          .udp(30303 + port)
          .sign(PrivateKey.random());
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** A record padded with a filler entry to exactly 300 bytes. */
  private static NodeRecord recordOfMaximumSize() {
    PrivateKey key = PrivateKey.random();
    int base =
        NodeRecord.builder().set("z", RLP.encodeValue(Bytes.EMPTY)).sign(key).encoded().size();
    // the 1-byte empty value becomes n + 2 bytes (n > 55), and the record's list header grows
    // from 2 bytes to 3 once its payload passes 255: base + (n + 1) + 1 = 300
    int filler = NodeRecord.MAX_SIZE - base - 2;
    NodeRecord r =
        NodeRecord.builder().set("z", RLP.encodeValue(Bytes.wrap(new byte[filler]))).sign(key);
    assertThat(r.encoded().size()).isEqualTo(NodeRecord.MAX_SIZE);
    return r;
  }

  private static Bytes nodesPlaintext(int total, List<Bytes> records) {
    return Bytes.concatenate(
        Bytes.of(Message.Nodes.TYPE),
        RLP.encodeList(
            w -> {
              w.writeValue(ID.bytes());
              w.writeInt(total);
              w.writeList(records, (l, r) -> l.writeRLP(r));
            }));
  }

  private static void assertRejected(Bytes plaintext, Reason reason) {
    assertThatThrownBy(() -> MessageCodec.decode(plaintext))
        .isInstanceOf(PacketDecodeException.class)
        .extracting(e -> ((PacketDecodeException) e).reason())
        .isEqualTo(reason);
  }
}
