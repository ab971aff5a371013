package org.jdevp2p.discv5.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jdevp2p.discv5.wire.WireVectors.ID_A;
import static org.jdevp2p.discv5.wire.WireVectors.ID_B;
import static org.jdevp2p.discv5.wire.WireVectors.KEY_A;
import static org.jdevp2p.discv5.wire.WireVectors.KEY_B;
import static org.jdevp2p.discv5.wire.WireVectors.ZEROS;
import static org.jdevp2p.discv5.wire.WireVectors.hex;
import static org.jdevp2p.discv5.wire.WireVectors.packet;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.wire.PacketDecodeException.Reason;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.Test;

/** Bytes from the network that the codec must refuse, each with the reason the service counts. */
class PacketCodecBadInputTest {
  private static final Bytes PING = hex(packet("ping message packet (flag 0)"), "packet");
  private static final JsonNode HANDSHAKE = packet("ping handshake packet (flag 2)");
  private static final Bytes IV = Bytes.wrap(new byte[16]);
  private static final Bytes NONCE = Bytes.fromHexString("0x0102030405060708090a0b0c");

  private final PacketCodec nodeB = new PacketCodec(KEY_B, ZEROS);

  @Test
  void randomBytesAreNotDiscv5() {
    byte[] noise = new byte[200];
    new Random(42).nextBytes(noise);
    assertRejected(() -> nodeB.decode(Bytes.wrap(noise)), Reason.BAD_PROTOCOL_ID);
  }

  @Test
  void packetBelowTheMinimumIsTooShort() {
    assertRejected(() -> nodeB.decode(PING.slice(0, 62)), Reason.TOO_SHORT);
  }

  @Test
  void messagePacketCutBelowItsMinimumMessageSizeIsTooShort() {
    assertRejected(() -> nodeB.decode(PING.slice(0, 80)), Reason.TOO_SHORT);
  }

  @Test
  void handshakeCutInsideItsAuthDataHasABadAuthDataSize() {
    assertRejected(
        () -> nodeB.decode(hex(HANDSHAKE, "packet").slice(0, 150)), Reason.BAD_AUTHDATA_SIZE);
  }

  @Test
  void oversizedDatagramIsTooLarge() {
    assertRejected(() -> nodeB.decode(Bytes.wrap(new byte[1281])), Reason.TOO_LARGE);
  }

  @Test
  void packetForAnotherNodeIdUnmasksToGarbage() {
    PacketCodec nodeA = new PacketCodec(KEY_A, ZEROS);
    assertRejected(() -> nodeA.decode(PING), Reason.BAD_PROTOCOL_ID);
  }

  @Test
  void versionZeroIsUnsupported() {
    Bytes p = craft(0, 0, NONCE, ID_A.bytes(), Bytes.wrap(new byte[32]));
    assertRejected(() -> nodeB.decode(p), Reason.UNSUPPORTED_VERSION);
  }

  @Test
  void unknownFlagIsRefused() {
    Bytes p = craft(1, 3, NONCE, ID_A.bytes(), Bytes.wrap(new byte[32]));
    assertRejected(() -> nodeB.decode(p), Reason.BAD_FLAG);
  }

  @Test
  void messagePacketWithShortAuthDataIsRefused() {
    Bytes p = craft(1, 0, NONCE, Bytes.wrap(new byte[31]), Bytes.wrap(new byte[40]));
    assertRejected(() -> nodeB.decode(p), Reason.BAD_AUTHDATA_SIZE);
  }

  @Test
  void whoAreYouWithAnEmptyListForAuthDataIsRefused() {
    Bytes p = craft(1, 1, NONCE, RLP.encodeList(w -> {}), Bytes.wrap(new byte[23]));
    assertRejected(() -> nodeB.decode(p), Reason.BAD_AUTHDATA_SIZE);
  }

  @Test
  void whoAreYouFollowedByAnEmptyListIsRefused() {
    Bytes p = craft(1, 1, NONCE, Bytes.wrap(new byte[24]), RLP.encodeList(w -> {}));
    assertRejected(() -> nodeB.decode(p), Reason.TRAILING_DATA);
  }

  @Test
  void handshakeWithANonV4SignatureSizeIsRefused() {
    Bytes authData =
        Bytes.concatenate(ID_A.bytes(), Bytes.of(65, 33), Bytes.wrap(new byte[65 + 33]));
    Bytes p = craft(1, 2, NONCE, authData, Bytes.wrap(new byte[20]));
    assertRejected(() -> nodeB.decode(p), Reason.BAD_HANDSHAKE_AUTHDATA);
  }

  @Test
  void handshakeWithARecordOverThreeHundredBytesIsRefused() {
    Bytes authData =
        Bytes.concatenate(ID_A.bytes(), Bytes.of(64, 33), Bytes.wrap(new byte[64 + 33 + 301]));
    Bytes p = craft(1, 2, NONCE, authData, Bytes.wrap(new byte[20]));
    assertRejected(() -> nodeB.decode(p), Reason.BAD_RECORD);
  }

  @Test
  void tamperedMessageFailsItsTag() throws Exception {
    byte[] bytes = PING.toArray();
    bytes[bytes.length - 1] ^= 1;
    Packet.Ordinary p = (Packet.Ordinary) nodeB.decode(Bytes.wrap(bytes));
    Bytes key = hex(packet("ping message packet (flag 0)").get("inputs"), "read_key");
    assertRejected(() -> nodeB.open(p, new Session(key, key, ZEROS)), Reason.MESSAGE_DECRYPT);
  }

  @Test
  void messageUnderAnotherSessionKeyFailsToDecrypt() throws Exception {
    Packet.Ordinary p = (Packet.Ordinary) nodeB.decode(PING);
    Bytes wrong = Bytes.repeat((byte) 1, 16); // the vector's key is all zeros
    assertRejected(() -> nodeB.open(p, new Session(wrong, wrong, ZEROS)), Reason.MESSAGE_DECRYPT);
  }

  @Test
  void handshakeWithABadIdSignatureIsRefused() throws Exception {
    Packet.Handshake h = (Packet.Handshake) nodeB.decode(hex(HANDSHAKE, "packet"));
    byte[] sig = h.idSignature().toArray();
    sig[10] ^= 1;
    Packet.Handshake forged =
        new Packet.Handshake(
            h.maskingIv(),
            h.nonce(),
            h.srcId(),
            Bytes.wrap(sig),
            h.ephemeralKey(),
            h.record(),
            h.message());
    Bytes challenge = hex(HANDSHAKE.get("inputs"), "whoareyou_challenge_data");
    assertRejected(
        () -> nodeB.acceptHandshake(forged, challenge, KEY_A.publicKey()), Reason.BAD_ID_SIGNATURE);
  }

  @Test
  void handshakeSignedByAnotherKeyIsRefused() throws Exception {
    Packet.Handshake h = (Packet.Handshake) nodeB.decode(hex(HANDSHAKE, "packet"));
    Bytes challenge = hex(HANDSHAKE.get("inputs"), "whoareyou_challenge_data");
    assertRejected(
        () -> nodeB.acceptHandshake(h, challenge, KEY_B.publicKey()), Reason.BAD_ID_SIGNATURE);
  }

  @Test
  void handshakeWithAnEphemeralKeyOffTheCurveIsRefused() throws Exception {
    // x = 5: 5^3 + 7 is not a square mod p, so no point has this x coordinate
    Bytes offCurve = Bytes.concatenate(Bytes.of(2), Bytes.wrap(new byte[31]), Bytes.of(5));
    Bytes challenge = hex(HANDSHAKE.get("inputs"), "whoareyou_challenge_data");
    Packet.Handshake h =
        new Packet.Handshake(
            IV,
            NONCE,
            ID_A,
            HandshakeCrypto.signId(KEY_A, challenge, offCurve, ID_B),
            offCurve,
            Optional.empty(),
            Bytes.wrap(new byte[32]));
    assertRejected(
        () -> nodeB.acceptHandshake(h, challenge, KEY_A.publicKey()), Reason.BAD_EPHEMERAL_KEY);
  }

  @Test
  void handshakeWithoutRecordFromAnUnknownNodeIsRefused() throws Exception {
    Packet.Handshake h = (Packet.Handshake) nodeB.decode(hex(HANDSHAKE, "packet"));
    Bytes challenge = hex(HANDSHAKE.get("inputs"), "whoareyou_challenge_data");
    assertRejected(() -> nodeB.acceptHandshake(h, challenge, Optional.empty()), Reason.NO_RECORD);
  }

  @Test
  void handshakeCarryingAnotherNodesRecordIsRefused() throws Exception {
    PacketCodec nodeA = new PacketCodec(KEY_A, ZEROS);
    Packet.WhoAreYou challenge = nodeB.whoAreYou(NONCE, 0);
    NodeRecord someoneElse = NodeRecord.builder().seq(5).sign(PrivateKey.random());
    Packet.Handshake h =
        nodeA
            .initiateHandshake(
                challenge,
                ID_B,
                KEY_B.publicKey(),
                Optional.of(someoneElse.encoded()),
                new Message.Ping(new RequestId(Bytes.EMPTY), 1),
                PrivateKey.random(),
                IV)
            .packet();
    assertRejected(
        () -> nodeB.acceptHandshake(h, challenge.challengeData(), Optional.empty()),
        Reason.BAD_RECORD);
  }

  @Test
  void handshakeWithATamperedRecordIsRefused() throws Exception {
    JsonNode v = packet("ping handshake packet with ENR (flag 2)");
    Packet.Handshake h = (Packet.Handshake) nodeB.decode(hex(v, "packet"));
    byte[] record = h.record().orElseThrow().toArray();
    record[record.length - 1] ^= 1;
    Packet.Handshake forged =
        new Packet.Handshake(
            h.maskingIv(),
            h.nonce(),
            h.srcId(),
            h.idSignature(),
            h.ephemeralKey(),
            Optional.of(Bytes.wrap(record)),
            h.message());
    Bytes challenge = hex(v.get("inputs"), "whoareyou_challenge_data");
    assertRejected(
        () -> nodeB.acceptHandshake(forged, challenge, Optional.empty()), Reason.BAD_RECORD);
  }

  @Test
  void nineByteRequestIdIsRefused() throws Exception {
    PacketCodec nodeA = new PacketCodec(KEY_A, ZEROS);
    Bytes key = Bytes.wrap(new byte[16]);
    Bytes plaintext =
        Bytes.concatenate(
            Bytes.of(Message.Ping.TYPE),
            RLP.encodeList(
                w -> {
                  w.writeValue(Bytes.wrap(new byte[9]));
                  w.writeLong(1);
                }));
    Packet.Ordinary sent = nodeA.seal(IV, NONCE, new Session(key, key, ZEROS), plaintext);
    Packet.Ordinary p = (Packet.Ordinary) nodeB.decode(nodeA.encode(sent, ID_B));
    assertRejected(() -> nodeB.open(p, new Session(key, key, ZEROS)), Reason.BAD_REQUEST_ID);
  }

  @Test
  void decodedPacketIsIndependentOfTheCallersBuffer() throws Exception {
    byte[] buffer = PING.toArray();
    Packet.Ordinary p = (Packet.Ordinary) nodeB.decode(Bytes.wrap(buffer));
    Arrays.fill(buffer, (byte) 0);
    assertThat(p.srcId()).isEqualTo(ID_A);
  }

  private static void assertRejected(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOf(PacketDecodeException.class)
        .extracting(e -> ((PacketDecodeException) e).reason())
        .isEqualTo(reason);
  }

  /** A packet built by hand and masked for node B, with an independent AES-CTR. */
  private static Bytes craft(int version, int flag, Bytes nonce, Bytes authData, Bytes message) {
    Bytes header =
        Bytes.concatenate(
            Bytes.wrap("discv5".getBytes(StandardCharsets.US_ASCII)),
            Bytes.ofUnsignedShort(version),
            Bytes.of(flag),
            nonce,
            Bytes.ofUnsignedShort(authData.size()),
            authData);
    try {
      Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
      ctr.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(ID_B.bytes().slice(0, 16).toArray(), "AES"),
          new IvParameterSpec(IV.toArray()));
      return Bytes.concatenate(IV, Bytes.wrap(ctr.doFinal(header.toArray())), message);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
