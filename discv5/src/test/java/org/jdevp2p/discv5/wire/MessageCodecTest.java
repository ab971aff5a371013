package org.jdevp2p.discv5.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPWriter;
import org.jdevp2p.discv5.wire.PacketDecodeException.Reason;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
  private static final RequestId ID = new RequestId(Bytes.fromHexString("0x0000c0ffee000001"));

  @Test
  void vectorPingPlaintextDecodesToPing() throws Exception {
    assertThat(MessageCodec.decode(Bytes.fromHexString("01c6840000000102")))
        .isEqualTo(new Message.Ping(new RequestId(Bytes.fromHexString("00000001")), 2));
  }

  @Test
  void pingEncodesToTheVectorPlaintext() {
    assertThat(
            MessageCodec.encode(
                new Message.Ping(new RequestId(Bytes.fromHexString("00000001")), 2)))
        .isEqualTo(Bytes.fromHexString("01c6840000000102"));
  }

  @Test
  void pingRoundTripsWithAnEightByteRequestIdAndItsLeadingZeros() throws Exception {
    roundTrip(new Message.Ping(ID, 5));
  }

  @Test
  void pingRoundTripsTheLargestUnsignedSequenceNumber() throws Exception {
    roundTrip(new Message.Ping(ID, -1L));
  }

  @Test
  void pongRoundTripsAnIpv4Endpoint() throws Exception {
    roundTrip(new Message.Pong(ID, 3, InetAddress.getByName("127.0.0.1"), 30303));
  }

  @Test
  void pongRoundTripsAnIpv6Endpoint() throws Exception {
    roundTrip(new Message.Pong(ID, 3, InetAddress.getByName("::1"), 65535));
  }

  @Test
  void pongSendsAnIpv4MappedAddressAsFourBytes() throws Exception {
    Message.Pong pong = new Message.Pong(ID, 3, InetAddress.getByName("::ffff:10.0.0.1"), 1);
    assertThat(pong.ipBytes()).isEqualTo(Bytes.of(10, 0, 0, 1));
  }

  @Test
  void findNodeRoundTripsItsDistances() throws Exception {
    roundTrip(new Message.FindNode(ID, List.of(256, 255, 0)));
  }

  @Test
  void talkReqRoundTrips() throws Exception {
    roundTrip(new Message.TalkReq(ID, Bytes.wrap("portal".getBytes()), Bytes.of(1, 2, 3)));
  }

  @Test
  void talkRespRoundTripsAnEmptyResponse() throws Exception {
    roundTrip(new Message.TalkResp(ID, Bytes.EMPTY));
  }

  @Test
  void emptyRequestIdIsAllowed() throws Exception {
    roundTrip(new Message.Ping(new RequestId(Bytes.EMPTY), 1));
  }

  @Test
  void nineByteRequestIdIsRefused() {
    Bytes nine = ping(w -> w.writeValue(Bytes.wrap(new byte[9])), Bytes.of(1));
    assertRejected(nine, Reason.BAD_REQUEST_ID);
  }

  @Test
  void typeBeyondTheTopicMessagesDecodesToUnknown() throws Exception {
    Bytes raw = Bytes.fromHexString("0bc3820102");
    assertThat(MessageCodec.decode(raw))
        .isEqualTo(new Message.Unknown(0x0b, Bytes.fromHexString("c3820102")));
  }

  @Test
  void unknownMessageEncodesBackToItsBytes() throws Exception {
    Bytes raw = Bytes.fromHexString("0bc180");
    assertThat(MessageCodec.encode(MessageCodec.decode(raw))).isEqualTo(raw);
  }

  @Test
  void emptyPlaintextHasNoMessageType() {
    assertRejected(Bytes.EMPTY, Reason.EMPTY_MESSAGE);
  }

  @Test
  void integerWithLeadingZeroIsRefused() {
    assertRejected(ping(w -> w.writeValue(ID.bytes()), Bytes.of(0, 1)), Reason.BAD_MESSAGE);
  }

  @Test
  void nonCanonicalRlpIsRefused() {
    // 0x8105: a single byte below 0x80 must encode as itself
    assertRejected(Bytes.fromHexString("01c4808105"), Reason.BAD_MESSAGE);
  }

  @Test
  void extraListElementIsRefused() {
    assertRejected(Bytes.fromHexString("01c3800101"), Reason.BAD_MESSAGE);
  }

  @Test
  void dataAfterTheListIsRefused() {
    assertRejected(Bytes.fromHexString("01c2800101"), Reason.BAD_MESSAGE);
  }

  @Test
  void bodyThatIsNotAListIsRefused() {
    assertRejected(Bytes.fromHexString("0180"), Reason.BAD_MESSAGE);
  }

  @Test
  void emptyListWhereFieldsBelongIsRefused() {
    assertRejected(Bytes.fromHexString("01c0"), Reason.BAD_MESSAGE);
  }

  @Test
  void pongWithAFiveByteIpIsRefused() {
    Bytes body =
        RLP.encodeList(
            w -> {
              w.writeValue(ID.bytes());
              w.writeLong(1);
              w.writeValue(Bytes.of(1, 2, 3, 4, 5));
              w.writeLong(30303);
            });
    assertRejected(Bytes.concatenate(Bytes.of(2), body), Reason.BAD_MESSAGE);
  }

  @Test
  void pongWithAPortOverSixteenBitsIsRefused() {
    Bytes body =
        RLP.encodeList(
            w -> {
              w.writeValue(ID.bytes());
              w.writeLong(1);
              w.writeValue(Bytes.of(127, 0, 0, 1));
              w.writeLong(65536);
            });
    assertRejected(Bytes.concatenate(Bytes.of(2), body), Reason.BAD_MESSAGE);
  }

  @Test
  void findNodeWithADistanceOver256IsRefused() {
    Bytes body =
        RLP.encodeList(
            w -> {
              w.writeValue(ID.bytes());
              w.writeList(l -> l.writeLong(257));
            });
    assertRejected(Bytes.concatenate(Bytes.of(3), body), Reason.BAD_MESSAGE);
  }

  private static void roundTrip(Message m) throws PacketDecodeException {
    assertThat(MessageCodec.decode(MessageCodec.encode(m))).isEqualTo(m);
  }

  private static Bytes ping(Consumer<RLPWriter> id, Bytes seq) {
    return Bytes.concatenate(
        Bytes.of(1),
        RLP.encodeList(
            w -> {
              id.accept(w);
              w.writeValue(seq);
            }));
  }

  private static void assertRejected(Bytes plaintext, Reason reason) {
    assertThatThrownBy(() -> MessageCodec.decode(plaintext))
        .isInstanceOf(PacketDecodeException.class)
        .extracting(e -> ((PacketDecodeException) e).reason())
        .isEqualTo(reason);
  }
}
