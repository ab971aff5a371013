package org.jdevp2p.discv5.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPWriter;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.wire.Message.Nodes;
import org.jdevp2p.discv5.wire.Message.RegConfirmation;
import org.jdevp2p.discv5.wire.Message.RegTopic;
import org.jdevp2p.discv5.wire.Message.TopicNodes;
import org.jdevp2p.discv5.wire.Message.TopicQuery;
import org.jdevp2p.discv5.wire.PacketDecodeException.Reason;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.Test;

/**
 * REGTOPIC, REGCONFIRMATION, TOPICQUERY and TOPICNODES (topics.md §1): their layout, the strict
 * decoding of §0, and how an answer is split over packets with one {@code total}.
 */
class TopicMessagesTest {
  private static final RequestId ID = new RequestId(Bytes.fromHexString("0x0000c0ffee000001"));

  /** sha256("eth/68"), topics.md §2. */
  private static final Bytes32 TOPIC =
      Bytes32.fromHexString("7717e0b009d3b7e93a7db52630a788f99f23a87975cd0800e80bb0d0f6a795ef");

  private static final NodeRecord ENR = record(1);

  /** The size of our registrar's tickets (topics.md §4); the content is opaque here. */
  private static final Bytes TICKET = Bytes.concatenate(Bytes.of(1), Bytes.wrap(new byte[68]));

  // ---------------------------------------------------------------- round trips

  @Test
  void regTopicRoundTripsWithATicketAndDistances() throws Exception {
    roundTrip(new RegTopic(ID, TOPIC, ENR, TICKET, List.of(256, 255, 1)));
  }

  @Test
  void regTopicOfAFirstAttemptCarriesTheEmptyTicket() throws Exception {
    RegTopic first = new RegTopic(ID, TOPIC, ENR, Bytes.EMPTY, List.of());
    roundTrip(first);
    // the ticket is the RLP empty string 0x80 (topics.md §1)
    assertThat(MessageCodec.encode(first).toHexString()).contains("80c0");
  }

  @Test
  void regConfirmationOfAnAdmissionRoundTrips() throws Exception {
    roundTrip(new RegConfirmation(ID, 1, Bytes.EMPTY, 900_000));
  }

  @Test
  void regConfirmationWithATicketRoundTrips() throws Exception {
    roundTrip(new RegConfirmation(ID, 3, TICKET, 12_345));
  }

  @Test
  void regConfirmationRoundTripsTheLargestSignedWaitTime() throws Exception {
    roundTrip(new RegConfirmation(ID, 1, TICKET, Long.MAX_VALUE));
  }

  @Test
  void topicQueryRoundTrips() throws Exception {
    roundTrip(new TopicQuery(ID, TOPIC, List.of(250, 249)));
  }

  @Test
  void topicNodesRoundTripsItsRecords() throws Exception {
    roundTrip(new TopicNodes(ID, 2, List.of(record(2), record(3))));
  }

  @Test
  void emptyTopicNodesRoundTrips() throws Exception {
    roundTrip(new TopicNodes(ID, 1, List.of()));
  }

  @Test
  void messageTypesAreThoseOfTopDisc() {
    assertThat(List.of(RegTopic.TYPE, RegConfirmation.TYPE, TopicQuery.TYPE, TopicNodes.TYPE))
        .containsExactly(0x07, 0x08, 0x09, 0x0a);
  }

  // ---------------------------------------------------------------- extra trailing items

  @Test
  void regTopicIgnoresExtraTrailingItems() throws Exception {
    Bytes plaintext =
        message(
            RegTopic.TYPE,
            w -> {
              regTopicFields(TOPIC, ENR.encoded(), TICKET, List.of(7)).accept(w);
              w.writeValue(Bytes.of(1, 2));
              w.writeList(l -> l.writeInt(3));
            });
    assertThat(MessageCodec.decode(plaintext))
        .isEqualTo(new RegTopic(ID, TOPIC, ENR, TICKET, List.of(7)));
  }

  @Test
  void regConfirmationIgnoresAnExtraTrailingItem() throws Exception {
    Bytes plaintext =
        message(
            RegConfirmation.TYPE,
            w -> {
              w.writeValue(ID.bytes());
              w.writeInt(1);
              w.writeValue(TICKET);
              w.writeLong(5);
              w.writeValue(Bytes.of(9));
            });
    assertThat(MessageCodec.decode(plaintext)).isEqualTo(new RegConfirmation(ID, 1, TICKET, 5));
  }

  @Test
  void topicQueryIgnoresAnExtraTrailingItem() throws Exception {
    Bytes plaintext =
        message(
            TopicQuery.TYPE,
            w -> {
              topicQueryFields(TOPIC, List.of(3)).accept(w);
              w.writeValue(Bytes.EMPTY);
            });
    assertThat(MessageCodec.decode(plaintext)).isEqualTo(new TopicQuery(ID, TOPIC, List.of(3)));
  }

  @Test
  void topicNodesIgnoresAnExtraTrailingItem() throws Exception {
    Bytes plaintext =
        message(
            TopicNodes.TYPE,
            w -> {
              w.writeValue(ID.bytes());
              w.writeInt(1);
              w.writeList(l -> l.writeRLP(ENR.encoded()));
              w.writeList(l -> {});
            });
    assertThat(MessageCodec.decode(plaintext)).isEqualTo(new TopicNodes(ID, 1, List.of(ENR)));
  }

  @Test
  void nonCanonicalExtraItemIsRefused() {
    // 0x8105: a byte below 0x80 wrapped in a string header is not canonical RLP
    Bytes plaintext =
        message(
            TopicQuery.TYPE,
            w -> {
              topicQueryFields(TOPIC, List.of(3)).accept(w);
              w.writeRLP(Bytes.of(0x81, 0x05));
            });
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  // ---------------------------------------------------------------- the classic draft's layouts

  @Test
  void classicRegTopicWithFourItemsIsRefused() {
    // classic draft: [request-id, topic, ENR, ticket]
    Bytes plaintext =
        message(
            RegTopic.TYPE,
            w -> {
              w.writeValue(ID.bytes());
              w.writeValue(TOPIC);
              w.writeRLP(ENR.encoded());
              w.writeValue(Bytes.EMPTY);
            });
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  @Test
  void classicTicketWithThreeItemsIsRefused() {
    // classic draft 0x08 TICKET: [request-id, ticket, wait-time]
    Bytes plaintext =
        message(
            RegConfirmation.TYPE,
            w -> {
              w.writeValue(ID.bytes());
              w.writeValue(TICKET);
              w.writeLong(10);
            });
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  @Test
  void classicRegConfirmationWithTwoItemsIsRefused() {
    // classic draft 0x09 REGCONFIRMATION: [request-id, topic]
    Bytes plaintext =
        message(
            TopicQuery.TYPE,
            w -> {
              w.writeValue(ID.bytes());
              w.writeValue(TOPIC);
            });
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  @Test
  void classicTopicQueryWithTwoItemsIsRefused() {
    // classic draft 0x0a TOPICQUERY: [request-id, topic]
    Bytes plaintext =
        message(
            TopicNodes.TYPE,
            w -> {
              w.writeValue(ID.bytes());
              w.writeValue(TOPIC);
            });
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  // ---------------------------------------------------------------- topic ids

  @Test
  void topicOfThirtyThreeBytesIsRefused() {
    Bytes plaintext =
        message(TopicQuery.TYPE, topicQueryFields(Bytes.wrap(new byte[33]), List.of()));
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  @Test
  void topicOfThirtyOneBytesIsRefused() {
    Bytes plaintext =
        message(TopicQuery.TYPE, topicQueryFields(Bytes.wrap(new byte[31]), List.of()));
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  @Test
  void regTopicWithAThirtyThreeByteTopicIsRefused() {
    Bytes plaintext =
        message(
            RegTopic.TYPE,
            regTopicFields(Bytes.wrap(new byte[33]), ENR.encoded(), Bytes.EMPTY, List.of()));
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  @Test
  void topicThatIsAListIsRefused() {
    Bytes plaintext =
        message(
            TopicQuery.TYPE,
            w -> {
              w.writeValue(ID.bytes());
              w.writeList(l -> l.writeValue(TOPIC));
              w.writeList(l -> {});
            });
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  // ---------------------------------------------------------------- distances

  @Test
  void seventeenDistancesAreRefused() {
    List<Integer> seventeen = new ArrayList<>();
    for (int d = 240; d <= 256; d++) seventeen.add(d);
    assertRejected(
        message(TopicQuery.TYPE, topicQueryFields(TOPIC, seventeen)), Reason.BAD_MESSAGE);
  }

  @Test
  void sixteenDistancesAreAccepted() throws Exception {
    List<Integer> sixteen = new ArrayList<>();
    for (int d = 241; d <= 256; d++) sixteen.add(d);
    roundTrip(new TopicQuery(ID, TOPIC, sixteen));
  }

  @Test
  void distanceZeroIsRefused() {
    // 0 asks FINDNODE for the recipient's own record; it is no topic distance
    assertRejected(
        message(TopicQuery.TYPE, topicQueryFields(TOPIC, List.of(0))), Reason.BAD_MESSAGE);
  }

  @Test
  void distance257IsRefused() {
    assertRejected(
        message(TopicQuery.TYPE, topicQueryFields(TOPIC, List.of(257))), Reason.BAD_MESSAGE);
  }

  @Test
  void regTopicWithDistance257IsRefused() {
    Bytes plaintext =
        message(RegTopic.TYPE, regTopicFields(TOPIC, ENR.encoded(), TICKET, List.of(257)));
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  @Test
  void distancesThatAreAStringAreRefused() {
    Bytes plaintext =
        message(
            TopicQuery.TYPE,
            w -> {
              w.writeValue(ID.bytes());
              w.writeValue(TOPIC);
              w.writeValue(Bytes.of(1));
            });
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  @Test
  void senderCannotBuildSeventeenDistances() {
    assertThatThrownBy(() -> new TopicQuery(ID, TOPIC, Collections.nCopies(17, 5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- the record in REGTOPIC

  @Test
  void regTopicWithARecordOverThreeHundredBytesIsRefused() {
    Bytes huge = RLP.encodeList(w -> w.writeValue(Bytes.wrap(new byte[300])));
    Bytes plaintext = message(RegTopic.TYPE, regTopicFields(TOPIC, huge, TICKET, List.of()));
    assertRejected(plaintext, Reason.BAD_RECORD);
  }

  @Test
  void regTopicWithARecordThatDoesNotVerifyIsRefused() {
    byte[] forged = ENR.encoded().toArray();
    forged[10] ^= 1; // inside the signature
    Bytes plaintext =
        message(RegTopic.TYPE, regTopicFields(TOPIC, Bytes.wrap(forged), TICKET, List.of()));
    assertRejected(plaintext, Reason.BAD_RECORD);
  }

  @Test
  void regTopicWithARecordThatIsAStringIsRefused() {
    Bytes plaintext =
        message(
            RegTopic.TYPE,
            w -> {
              w.writeValue(ID.bytes());
              w.writeValue(TOPIC);
              w.writeValue(ENR.encoded());
              w.writeValue(TICKET);
              w.writeList(l -> {});
            });
    assertRejected(plaintext, Reason.BAD_RECORD);
  }

  // ---------------------------------------------------------------- tickets, totals, wait times

  @Test
  void ticketOverTheLimitIsRefused() {
    Bytes big = Bytes.wrap(new byte[Message.MAX_TICKET_SIZE + 1]);
    Bytes plaintext = message(RegTopic.TYPE, regTopicFields(TOPIC, ENR.encoded(), big, List.of()));
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  @Test
  void ticketThatIsAListIsRefused() {
    Bytes plaintext =
        message(
            RegConfirmation.TYPE,
            w -> {
              w.writeValue(ID.bytes());
              w.writeInt(1);
              w.writeList(l -> l.writeValue(TICKET));
              w.writeLong(5);
            });
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  @Test
  void regConfirmationWithATotalOverAByteIsRefused() {
    Bytes plaintext =
        message(
            RegConfirmation.TYPE,
            w -> {
              w.writeValue(ID.bytes());
              w.writeInt(256);
              w.writeValue(TICKET);
              w.writeLong(5);
            });
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  @Test
  void waitTimeOfTwoToThe63IsRefused() {
    Bytes plaintext =
        message(
            RegConfirmation.TYPE,
            w -> {
              w.writeValue(ID.bytes());
              w.writeInt(1);
              w.writeValue(TICKET);
              w.writeValue(Bytes.fromHexString("0x8000000000000000"));
            });
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  @Test
  void waitTimeWithALeadingZeroIsRefused() {
    Bytes plaintext =
        message(
            RegConfirmation.TYPE,
            w -> {
              w.writeValue(ID.bytes());
              w.writeInt(1);
              w.writeValue(TICKET);
              w.writeValue(Bytes.of(0, 5));
            });
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  @Test
  void topicNodesWithATotalOverAByteIsRefused() {
    assertRejected(topicNodes(256, List.of()), Reason.BAD_MESSAGE);
  }

  @Test
  void topicNodesWithARecordThatDoesNotVerifyIsRefused() {
    byte[] forged = record(4).encoded().toArray();
    forged[10] ^= 1;
    assertRejected(topicNodes(1, List.of(ENR.encoded(), Bytes.wrap(forged))), Reason.BAD_RECORD);
  }

  @Test
  void topicNodesWhoseRecordsAreAStringIsRefused() {
    Bytes plaintext =
        message(
            TopicNodes.TYPE,
            w -> {
              w.writeValue(ID.bytes());
              w.writeInt(1);
              w.writeValue(ENR.encoded());
            });
    assertRejected(plaintext, Reason.BAD_MESSAGE);
  }

  @Test
  void topicNodesWithANineByteRequestIdIsRefused() {
    Bytes plaintext =
        message(
            TopicNodes.TYPE,
            w -> {
              w.writeValue(Bytes.wrap(new byte[9]));
              w.writeInt(1);
              w.writeList(l -> {});
            });
    assertRejected(plaintext, Reason.BAD_REQUEST_ID);
  }

  // ---------------------------------------------------------------- packing answers

  @Test
  void admissionWithoutAuxiliaryRecordsIsOneRegConfirmation() {
    assertThat(RegConfirmation.pack(ID, Bytes.EMPTY, 900_000, List.of()))
        .containsExactly(new RegConfirmation(ID, 1, Bytes.EMPTY, 900_000));
  }

  @Test
  void regConfirmationAndItsNodesShareOneTotal() {
    List<NodeRecord> aux = maximumSizeRecords(8);
    List<Message> answer = RegConfirmation.pack(ID, TICKET, 10, aux);
    assertThat(answer.getFirst()).isInstanceOf(RegConfirmation.class);
    assertThat(answer.subList(1, answer.size()))
        .allSatisfy(m -> assertThat(m).isInstanceOf(Nodes.class));
    assertThat(answer).allSatisfy(m -> assertThat(total(m)).isEqualTo(answer.size()));
    assertThat(records(answer, Nodes.class)).containsExactlyElementsOf(aux);
  }

  @Test
  void missIsOneEmptyTopicNodes() {
    assertThat(TopicNodes.pack(ID, List.of(), List.of()))
        .containsExactly(new TopicNodes(ID, 1, List.of()));
  }

  @Test
  void tenAdsAndEightAuxiliaryRecordsOfMaximumSizeTakeSevenMessagesWithOneTotal() {
    List<NodeRecord> ads = maximumSizeRecords(10);
    List<NodeRecord> aux = maximumSizeRecords(8);
    List<Message> answer = TopicNodes.pack(ID, ads, aux);
    // three 300-byte records per 1000-byte message: 4 TOPICNODES + 3 NODES (topics.md §1)
    assertThat(answer).hasSize(7).allSatisfy(m -> assertThat(total(m)).isEqualTo(7));
    assertThat(records(answer, TopicNodes.class)).containsExactlyElementsOf(ads);
    assertThat(records(answer, Nodes.class)).containsExactlyElementsOf(aux);
  }

  @Test
  void everyPackedTopicAnswerFitsAPacket() {
    PacketCodec codec = new PacketCodec(WireVectors.KEY_A, WireVectors.ZEROS);
    Session session = new Session(Bytes.wrap(new byte[16]), Bytes.wrap(new byte[16]), () -> 7L);
    for (Message m : TopicNodes.pack(ID, maximumSizeRecords(10), maximumSizeRecords(8))) {
      Bytes datagram = codec.encode(codec.seal(session, m), WireVectors.ID_B);
      assertThat(datagram.size()).isLessThanOrEqualTo(PacketCodec.MAX_PACKET_SIZE);
    }
  }

  @Test
  void regTopicWithTheLargestRecordTicketAndDistancesFitsAPacket() {
    PacketCodec codec = new PacketCodec(WireVectors.KEY_A, WireVectors.ZEROS);
    Session session = new Session(Bytes.wrap(new byte[16]), Bytes.wrap(new byte[16]), () -> 7L);
    List<Integer> distances = new ArrayList<>();
    for (int d = 241; d <= 256; d++) distances.add(d);
    RegTopic largest =
        new RegTopic(
            ID,
            TOPIC,
            maximumSizeRecords(1).getFirst(),
            Bytes.wrap(new byte[Message.MAX_TICKET_SIZE]),
            distances);
    Bytes datagram = codec.encode(codec.seal(session, largest), WireVectors.ID_B);
    assertThat(datagram.size()).isLessThanOrEqualTo(PacketCodec.MAX_PACKET_SIZE);
  }

  // ---------------------------------------------------------------- helpers

  private static void roundTrip(Message m) throws PacketDecodeException {
    assertThat(MessageCodec.decode(MessageCodec.encode(m))).isEqualTo(m);
  }

  private static Bytes message(int type, Consumer<RLPWriter> fields) {
    return Bytes.concatenate(Bytes.of(type), RLP.encodeList(fields));
  }

  private static Consumer<RLPWriter> regTopicFields(
      Bytes topic, Bytes enr, Bytes ticket, List<Integer> distances) {
    return w -> {
      w.writeValue(ID.bytes());
      w.writeValue(topic);
      w.writeRLP(enr);
      w.writeValue(ticket);
      w.writeList(distances, RLPWriter::writeInt);
    };
  }

  private static Consumer<RLPWriter> topicQueryFields(Bytes topic, List<Integer> distances) {
    return w -> {
      w.writeValue(ID.bytes());
      w.writeValue(topic);
      w.writeList(distances, RLPWriter::writeInt);
    };
  }

  private static Bytes topicNodes(int total, List<Bytes> records) {
    return message(
        TopicNodes.TYPE,
        w -> {
          w.writeValue(ID.bytes());
          w.writeInt(total);
          w.writeList(records, (l, r) -> l.writeRLP(r));
        });
  }

  private static int total(Message m) {
    return switch (m) {
      case RegConfirmation c -> c.total();
      case TopicNodes t -> t.total();
      case Nodes n -> n.total();
      default -> throw new AssertionError("not a topic answer: " + m);
    };
  }

  private static List<NodeRecord> records(List<Message> answer, Class<? extends Message> type) {
    List<NodeRecord> out = new ArrayList<>();
    for (Message m : answer) {
      switch (m) {
        case TopicNodes t when type == TopicNodes.class -> out.addAll(t.records());
        case Nodes n when type == Nodes.class -> out.addAll(n.records());
        default -> {}
      }
    }
    return out;
  }

  private static NodeRecord record(int port) {
    try {
      return NodeRecord.builder()
          .seq(1)
          .ip(InetAddress.getByName("10.0.0.1"))
          .udp(30303 + port)
          .sign(PrivateKey.random());
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** Records padded with a filler entry to exactly 300 bytes. */
  private static List<NodeRecord> maximumSizeRecords(int n) {
    List<NodeRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      PrivateKey key = PrivateKey.random();
      int base =
          NodeRecord.builder().set("z", RLP.encodeValue(Bytes.EMPTY)).sign(key).encoded().size();
      int filler = NodeRecord.MAX_SIZE - base - 2; // see NodesTest.recordOfMaximumSize
      NodeRecord r =
          NodeRecord.builder().set("z", RLP.encodeValue(Bytes.wrap(new byte[filler]))).sign(key);
      assertThat(r.encoded().size()).isEqualTo(NodeRecord.MAX_SIZE);
      out.add(r);
    }
    return out;
  }

  private static void assertRejected(Bytes plaintext, Reason reason) {
    assertThatThrownBy(() -> MessageCodec.decode(plaintext))
        .isInstanceOf(PacketDecodeException.class)
        .extracting(e -> ((PacketDecodeException) e).reason())
        .isEqualTo(reason);
  }
}
