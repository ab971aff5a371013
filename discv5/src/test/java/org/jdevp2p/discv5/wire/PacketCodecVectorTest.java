package org.jdevp2p.discv5.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdevp2p.discv5.wire.WireVectors.ID_A;
import static org.jdevp2p.discv5.wire.WireVectors.ID_B;
import static org.jdevp2p.discv5.wire.WireVectors.KEY_A;
import static org.jdevp2p.discv5.wire.WireVectors.KEY_B;
import static org.jdevp2p.discv5.wire.WireVectors.RECORD_A;
import static org.jdevp2p.discv5.wire.WireVectors.RECORD_B;
import static org.jdevp2p.discv5.wire.WireVectors.ZEROS;
import static org.jdevp2p.discv5.wire.WireVectors.hex;
import static org.jdevp2p.discv5.wire.WireVectors.packet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.junit.jupiter.api.Test;

/**
 * The packet vectors of discv5-wire-test-vectors.md: node B decodes each to the vector's inputs,
 * and each encodes back to the same bytes.
 */
class PacketCodecVectorTest {
  private static final String PING = "ping message packet (flag 0)";
  private static final String WHOAREYOU = "WHOAREYOU packet (flag 1)";
  private static final String HANDSHAKE = "ping handshake packet (flag 2)";
  private static final String HANDSHAKE_ENR = "ping handshake packet with ENR (flag 2)";
  private static final RequestId REQ_1 = new RequestId(Bytes.fromHexString("00000001"));

  private final PacketCodec nodeA = new PacketCodec(KEY_A, ZEROS);
  private final PacketCodec nodeB = new PacketCodec(KEY_B, ZEROS);

  @Test
  void pingPacketDecodesToItsHeader() throws Exception {
    JsonNode v = packet(PING);
    Packet.Ordinary p = (Packet.Ordinary) nodeB.decode(hex(v, "packet"));
    assertThat(p.maskingIv()).isEqualTo(hex(v.get("inputs"), "masking_iv"));
    assertThat(p.nonce()).isEqualTo(hex(v.get("inputs"), "nonce"));
    assertThat(p.srcId()).isEqualTo(ID_A);
    assertThat(p.message()).isEqualTo(hex(v.get("decoded"), "message_ciphertext"));
    assertThat(p.headerData()).isEqualTo(hex(v.get("decoded"), "message_ad"));
  }

  @Test
  void pingPacketOpensToPing() throws Exception {
    JsonNode v = packet(PING);
    Bytes readKey = hex(v.get("inputs"), "read_key");
    Packet.Ordinary p = (Packet.Ordinary) nodeB.decode(hex(v, "packet"));
    assertThat(nodeB.open(p, new Session(readKey, readKey, ZEROS)))
        .isEqualTo(new Message.Ping(REQ_1, 2));
  }

  @Test
  void pingPacketEncodesBackToItsBytes() throws Exception {
    JsonNode v = packet(PING);
    Packet p = nodeB.decode(hex(v, "packet"));
    assertThat(nodeA.encode(p, ID_B)).isEqualTo(hex(v, "packet"));
  }

  @Test
  void pingSealedWithTheVectorInputsIsTheVectorPacket() {
    JsonNode in = packet(PING).get("inputs");
    Bytes key = hex(in, "read_key");
    Packet.Ordinary p =
        nodeA.seal(
            hex(in, "masking_iv"),
            hex(in, "nonce"),
            new Session(key, key, ZEROS),
            MessageCodec.encode(new Message.Ping(REQ_1, 2)));
    assertThat(nodeA.encode(p, ID_B)).isEqualTo(hex(packet(PING), "packet"));
  }

  @Test
  void whoAreYouDecodesToItsChallenge() throws Exception {
    JsonNode v = packet(WHOAREYOU);
    Packet.WhoAreYou w = (Packet.WhoAreYou) nodeB.decode(hex(v, "packet"));
    assertThat(w.nonce()).isEqualTo(hex(v.get("inputs"), "request_nonce"));
    assertThat(w.idNonce()).isEqualTo(hex(v.get("inputs"), "id_nonce"));
    assertThat(w.enrSeq()).isEqualTo(v.get("inputs").get("enr_seq").asLong());
    assertThat(w.challengeData()).isEqualTo(hex(v.get("inputs"), "challenge_data"));
  }

  @Test
  void whoAreYouEncodesBackToItsBytes() throws Exception {
    JsonNode v = packet(WHOAREYOU);
    Packet p = nodeB.decode(hex(v, "packet"));
    assertThat(nodeA.encode(p, ID_B)).isEqualTo(hex(v, "packet"));
  }

  @Test
  void whoAreYouBuiltFromTheVectorInputsIsTheVectorPacket() {
    JsonNode in = packet(WHOAREYOU).get("inputs");
    Packet.WhoAreYou w =
        new Packet.WhoAreYou(
            Bytes.wrap(new byte[16]), hex(in, "request_nonce"), hex(in, "id_nonce"), 0);
    assertThat(nodeA.encode(w, ID_B)).isEqualTo(hex(packet(WHOAREYOU), "packet"));
  }

  @Test
  void handshakePacketDecodesToItsAuthData() throws Exception {
    JsonNode v = packet(HANDSHAKE);
    Packet.Handshake h = (Packet.Handshake) nodeB.decode(hex(v, "packet"));
    JsonNode d = v.get("decoded");
    assertThat(h.srcId()).isEqualTo(ID_A);
    assertThat(h.nonce()).isEqualTo(hex(v.get("inputs"), "nonce"));
    assertThat(h.idSignature()).isEqualTo(hex(d, "id_signature"));
    assertThat(h.ephemeralKey()).isEqualTo(hex(d, "eph_pubkey"));
    assertThat(h.record()).isEmpty();
  }

  @Test
  void handshakePacketIsAcceptedAgainstItsChallenge() throws Exception {
    JsonNode v = packet(HANDSHAKE);
    Packet.Handshake h = (Packet.Handshake) nodeB.decode(hex(v, "packet"));
    PacketCodec.Accepted accepted =
        nodeB.acceptHandshake(
            h, hex(v.get("inputs"), "whoareyou_challenge_data"), KEY_A.publicKey());
    assertThat(accepted.message()).isEqualTo(new Message.Ping(REQ_1, 1));
    assertThat(Bytes.wrap(accepted.session().readKey().getEncoded()))
        .isEqualTo(hex(v.get("decoded"), "derived_initiator_key"));
    assertThat(Bytes.wrap(accepted.session().writeKey().getEncoded()))
        .isEqualTo(hex(v.get("decoded"), "derived_recipient_key"));
  }

  @Test
  void handshakePacketEncodesBackToItsBytes() throws Exception {
    JsonNode v = packet(HANDSHAKE);
    Packet p = nodeB.decode(hex(v, "packet"));
    assertThat(nodeA.encode(p, ID_B)).isEqualTo(hex(v, "packet"));
  }

  @Test
  void handshakeInitiatedWithTheVectorInputsCarriesTheVectorSignatureAndKeys() throws Exception {
    JsonNode in = packet(HANDSHAKE).get("inputs");
    Packet.WhoAreYou challenge =
        new Packet.WhoAreYou(
            Bytes.wrap(new byte[16]),
            hex(in, "whoareyou_request_nonce"),
            hex(in, "whoareyou_id_nonce"),
            in.get("whoareyou_enr_seq").asLong());
    PacketCodec.Initiated initiated =
        nodeA.initiateHandshake(
            challenge,
            ID_B,
            KEY_B.publicKey(),
            Optional.empty(),
            new Message.Ping(REQ_1, 1),
            PrivateKey.fromBytes(hex(in, "ephemeral_key")),
            Bytes.wrap(new byte[16]));
    JsonNode d = packet(HANDSHAKE).get("decoded");
    assertThat(challenge.challengeData()).isEqualTo(hex(in, "whoareyou_challenge_data"));
    assertThat(initiated.packet().idSignature()).isEqualTo(hex(d, "id_signature"));
    assertThat(initiated.packet().ephemeralKey()).isEqualTo(hex(in, "ephemeral_pubkey"));
    assertThat(Bytes.wrap(initiated.session().writeKey().getEncoded()))
        .isEqualTo(hex(d, "derived_initiator_key"));
  }

  @Test
  void handshakeInitiatedByAIsAcceptedByB() throws Exception {
    Packet.WhoAreYou challenge = nodeB.whoAreYou(Bytes.wrap(new byte[12]), 0);
    PacketCodec.Initiated initiated =
        nodeA.initiateHandshake(challenge, RECORD_B, RECORD_A, new Message.Ping(REQ_1, 7));
    Packet.Handshake received =
        (Packet.Handshake) nodeB.decode(nodeA.encode(initiated.packet(), ID_B));
    PacketCodec.Accepted accepted =
        nodeB.acceptHandshake(received, challenge.challengeData(), Optional.empty());
    assertThat(accepted.message()).isEqualTo(new Message.Ping(REQ_1, 7));
    assertThat(accepted.record()).contains(RECORD_A);
  }

  @Test
  void sessionsFromOneHandshakeCarryMessagesBothWays() throws Exception {
    Packet.WhoAreYou challenge = nodeB.whoAreYou(Bytes.wrap(new byte[12]), 0);
    PacketCodec.Initiated initiated =
        nodeA.initiateHandshake(challenge, RECORD_B, RECORD_A, new Message.Ping(REQ_1, 7));
    Session atB =
        nodeB
            .acceptHandshake(
                (Packet.Handshake) nodeB.decode(nodeA.encode(initiated.packet(), ID_B)),
                challenge.challengeData(),
                Optional.of(RECORD_A))
            .session();
    Message pong = new Message.TalkResp(REQ_1, Bytes.of(1, 2, 3));
    Packet.Ordinary reply =
        (Packet.Ordinary) nodeA.decode(nodeB.encode(nodeB.seal(atB, pong), ID_A));
    assertThat(nodeA.open(reply, initiated.session())).isEqualTo(pong);
  }

  @Test
  void handshakeWithRecordDecodesToItsRecord() throws Exception {
    JsonNode v = packet(HANDSHAKE_ENR);
    Packet.Handshake h = (Packet.Handshake) nodeB.decode(hex(v, "packet"));
    assertThat(h.record()).contains(hex(v.get("decoded"), "record"));
    assertThat(h.idSignature()).isEqualTo(hex(v.get("decoded"), "id_signature"));
  }

  @Test
  void handshakeWithRecordIsAcceptedAgainstItsChallenge() throws Exception {
    JsonNode v = packet(HANDSHAKE_ENR);
    Packet.Handshake h = (Packet.Handshake) nodeB.decode(hex(v, "packet"));
    PacketCodec.Accepted accepted =
        nodeB.acceptHandshake(
            h, hex(v.get("inputs"), "whoareyou_challenge_data"), KEY_A.publicKey());
    assertThat(accepted.message()).isEqualTo(new Message.Ping(REQ_1, 1));
    assertThat(Bytes.wrap(accepted.session().readKey().getEncoded()))
        .isEqualTo(hex(v.get("decoded"), "derived_initiator_key"));
  }

  @Test
  void handshakeWithRecordYieldsTheRecordWhenWeHoldNone() throws Exception {
    JsonNode v = packet(HANDSHAKE_ENR);
    Packet.Handshake h = (Packet.Handshake) nodeB.decode(hex(v, "packet"));
    PacketCodec.Accepted accepted =
        nodeB.acceptHandshake(
            h, hex(v.get("inputs"), "whoareyou_challenge_data"), Optional.empty());
    assertThat(accepted.record()).contains(RECORD_A);
    assertThat(accepted.message()).isEqualTo(new Message.Ping(REQ_1, 1));
  }

  @Test
  void handshakeWithoutRecordIsAcceptedAgainstTheRecordWeHold() throws Exception {
    JsonNode v = packet(HANDSHAKE);
    Packet.Handshake h = (Packet.Handshake) nodeB.decode(hex(v, "packet"));
    PacketCodec.Accepted accepted =
        nodeB.acceptHandshake(
            h, hex(v.get("inputs"), "whoareyou_challenge_data"), Optional.of(RECORD_A));
    assertThat(accepted.message()).isEqualTo(new Message.Ping(REQ_1, 1));
    assertThat(accepted.record()).isEmpty();
  }

  @Test
  void handshakeAnsweringAChallengeWithOurCurrentSeqLeavesOurRecordOut() {
    Packet.WhoAreYou challenge = nodeB.whoAreYou(Bytes.wrap(new byte[12]), RECORD_A.seq());
    PacketCodec.Initiated initiated =
        nodeA.initiateHandshake(challenge, RECORD_B, RECORD_A, new Message.Ping(REQ_1, 1));
    assertThat(initiated.packet().record()).isEmpty();
  }

  @Test
  void handshakeAnsweringAChallengeWithAnOlderSeqCarriesOurRecord() {
    Packet.WhoAreYou challenge = nodeB.whoAreYou(Bytes.wrap(new byte[12]), RECORD_A.seq() - 1);
    PacketCodec.Initiated initiated =
        nodeA.initiateHandshake(challenge, RECORD_B, RECORD_A, new Message.Ping(REQ_1, 1));
    assertThat(initiated.packet().record()).contains(RECORD_A.encoded());
  }

  @Test
  void handshakeWithRecordInitiatedWithTheVectorInputsIsTheVectorAuthData() {
    JsonNode in = packet(HANDSHAKE_ENR).get("inputs");
    Packet.WhoAreYou challenge =
        new Packet.WhoAreYou(
            Bytes.wrap(new byte[16]),
            hex(in, "whoareyou_request_nonce"),
            hex(in, "whoareyou_id_nonce"),
            in.get("whoareyou_enr_seq").asLong());
    PacketCodec.Initiated initiated =
        nodeA.initiateHandshake(
            challenge,
            ID_B,
            KEY_B.publicKey(),
            Optional.of(RECORD_A.encoded()),
            new Message.Ping(REQ_1, 1),
            PrivateKey.fromBytes(hex(in, "ephemeral_key")),
            Bytes.wrap(new byte[16]));
    JsonNode d = packet(HANDSHAKE_ENR).get("decoded");
    assertThat(initiated.packet().authData())
        .isEqualTo(
            Bytes.concatenate(
                ID_A.bytes(),
                Bytes.of(64, 33),
                hex(d, "id_signature"),
                hex(d, "eph_pubkey"),
                hex(d, "record")));
    assertThat(Bytes.wrap(initiated.session().writeKey().getEncoded()))
        .isEqualTo(hex(d, "derived_initiator_key"));
  }

  @Test
  void handshakeWithRecordEncodesBackToItsBytes() throws Exception {
    JsonNode v = packet(HANDSHAKE_ENR);
    Packet p = nodeB.decode(hex(v, "packet"));
    assertThat(nodeA.encode(p, ID_B)).isEqualTo(hex(v, "packet"));
  }
}
