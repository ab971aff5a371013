package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.crypto.InvalidKeyException;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.discv5.wire.Packet;
import org.jdevp2p.discv5.wire.RequestId;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bytes from the UDP port are untrusted: every kind of bad input is dropped and counted by reason,
 * and the node keeps answering a legitimate PING while it comes and after.
 */
class BadInputTest {
  private final TestNodes nodes = new TestNodes();
  private final Random random = new Random(42);
  private Discovery node;
  private Discovery client;
  private RawPeer attacker;

  @BeforeEach
  void start() {
    node = nodes.start();
    client = nodes.start();
    client.ping(node.localRecord()).join();
    attacker = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
  }

  @AfterEach
  void closeAll() {
    nodes.close();
  }

  /** A node in session and a brand-new one (full handshake) both get PONGs. */
  private void assertStillAnswersPings() {
    assertThat(client.ping(node.localRecord()).join().enrSeq()).isEqualTo(node.localRecord().seq());
    try (RawPeer fresh = new RawPeer("127.0.0.1", node.localRecord())) {
      fresh.handshake(new Message.Ping(new RequestId(Bytes.of(1, 2, 3)), 1));
      assertThat(fresh.receiveMessage()).isInstanceOf(Message.Pong.class);
    }
  }

  /** Waits for the attacker's earlier packets to be processed: the node answers in order. */
  private void flushAttacker() {
    attacker.handshake(new Message.Ping(new RequestId(Bytes.of(0x42)), 1));
    assertThat(attacker.receiveMessage()).isInstanceOf(Message.Pong.class);
  }

  private Bytes randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return Bytes.wrap(b);
  }

  @Test
  void randomBytesAreDroppedAsMalformedPackets() {
    for (int i = 0; i < 50; i++) {
      attacker.sendRaw(randomBytes(63 + random.nextInt(1200)));
      if (i == 25) assertStillAnswersPings();
    }
    flushAttacker();
    assertThat(node.metrics().drops(DropReason.MALFORMED_PACKET)).isEqualTo(50);
    assertStillAnswersPings();
  }

  @Test
  void truncatedPacketsAreDroppedAsMalformed() {
    Bytes whole = attacker.codec.encode(attacker.codec.randomPacket(), node.localId());
    for (int size = 1; size < 87; size += 5) attacker.sendRaw(whole.slice(0, size));
    flushAttacker();
    assertThat(node.metrics().drops(DropReason.MALFORMED_PACKET)).isEqualTo(18);
    assertStillAnswersPings();
  }

  @Test
  void aPacketMaskedForAnotherNodeIdIsDroppedAsMalformed() {
    NodeId other = NodeId.of(PrivateKey.random().publicKey());
    attacker.sendRaw(attacker.codec.encode(attacker.codec.randomPacket(), other));
    flushAttacker();
    assertThat(node.metrics().drops(DropReason.MALFORMED_PACKET)).isEqualTo(1);
    assertStillAnswersPings();
  }

  @Test
  void anOversizedDatagramIsDroppedUnread() {
    attacker.sendRaw(randomBytes(1400));
    flushAttacker();
    assertThat(node.metrics().drops(DropReason.OVERSIZED)).isEqualTo(1);
    assertStillAnswersPings();
  }

  @Test
  void aBadGcmTagIsCountedAndItsSenderChallengedAgain() {
    flushAttacker(); // now in session
    Packet.Ordinary good =
        attacker.codec.seal(attacker.session, new Message.Ping(new RequestId(Bytes.of(5)), 1));
    Bytes message = good.message();
    Bytes tampered =
        Bytes.concatenate(
            message.slice(0, message.size() - 1),
            Bytes.of((message.get(message.size() - 1) ^ 0x01) & 0xff));
    attacker.send(new Packet.Ordinary(good.maskingIv(), good.nonce(), good.srcId(), tampered));
    assertThat(attacker.receivePacket()).isInstanceOf(Packet.WhoAreYou.class);
    assertThat(node.metrics().drops(DropReason.DECRYPT_FAILED)).isEqualTo(1);
    assertStillAnswersPings();
  }

  @Test
  void aReplayedHandshakeFindsNoChallengeAndIsDropped() {
    Packet.Handshake handshake =
        attacker.handshakePacket(
            attacker.provokeChallenge(), new Message.Ping(new RequestId(Bytes.of(6)), 1));
    attacker.send(handshake);
    attacker.receiveMessage();
    attacker.send(handshake);
    attacker.sendMessage(new Message.Ping(new RequestId(Bytes.of(7)), 1));
    attacker.receiveMessage();
    assertThat(node.metrics().drops(DropReason.NO_CHALLENGE)).isEqualTo(1);
    assertStillAnswersPings();
  }

  @Test
  void aHandshakeWithABadIdSignatureIsDropped() {
    Packet.Handshake h =
        attacker.handshakePacket(
            attacker.provokeChallenge(), new Message.Ping(new RequestId(Bytes.of(8)), 1));
    Bytes badSignature = PrivateKey.random().sign(Bytes32.random()).toCompact();
    attacker.send(
        new Packet.Handshake(
            h.maskingIv(),
            h.nonce(),
            h.srcId(),
            badSignature,
            h.ephemeralKey(),
            h.record(),
            h.message()));
    flushAttacker();
    assertThat(node.metrics().drops(DropReason.BAD_ID_SIGNATURE)).isEqualTo(1);
    assertStillAnswersPings();
  }

  @Test
  void aHandshakeWithAnEphemeralKeyOffTheCurveIsDropped() {
    Packet.WhoAreYou challenge = attacker.provokeChallenge();
    Packet.Handshake h =
        attacker.handshakePacket(challenge, new Message.Ping(new RequestId(Bytes.of(9)), 1));
    Bytes offCurve = offCurveKey();
    // a valid signature over the bad key, so that only the key is wrong
    Bytes signature =
        attacker
            .key
            .sign(idSignatureHash(challenge.challengeData(), offCurve, node.localId()))
            .toCompact();
    attacker.send(
        new Packet.Handshake(
            h.maskingIv(), h.nonce(), h.srcId(), signature, offCurve, h.record(), h.message()));
    flushAttacker();
    assertThat(node.metrics().drops(DropReason.BAD_EPHEMERAL_KEY)).isEqualTo(1);
    assertStillAnswersPings();
  }

  @Test
  void aWhoAreYouWithAnEmptyListForItsAuthdataIsDroppedAsMalformed() {
    Bytes emptyList = Bytes.fromHexString("0xc0");
    attacker.sendRaw(masked(node.localId(), 1, emptyList));
    flushAttacker();
    assertThat(node.metrics().drops(DropReason.MALFORMED_PACKET)).isEqualTo(1);
    assertStillAnswersPings();
  }

  @Test
  void aWhoAreYouAnsweringNoRequestOfOursIsDropped() {
    attacker.send(attacker.codec.whoAreYou(randomBytes(12), 0));
    flushAttacker();
    assertThat(node.metrics().drops(DropReason.UNEXPECTED_WHOAREYOU)).isEqualTo(1);
    assertStillAnswersPings();
  }

  @Test
  void aRequestIdOfNineBytesIsRefused() {
    flushAttacker();
    Bytes pingWithLongId =
        RLP.encodeList(
            w -> {
              w.writeValue(randomBytes(9));
              w.writeLong(1);
            });
    attacker.sendMessage(new Message.Unknown(Message.Ping.TYPE, pingWithLongId));
    flushAttacker();
    assertThat(node.metrics().drops(DropReason.BAD_REQUEST_ID)).isEqualTo(1);
    assertStillAnswersPings();
  }

  @Test
  void aFloodOfUnsolicitedPacketsFromOneIpIsRateLimitedWithoutStarvingSessions() {
    // The limiter's clock stands still: on a loaded machine the flood may take over a second to
    // be read, and a token given back meanwhile would let one more packet through.
    Discovery limited = nodes.start(b -> b.perIpLimit(20, 1).clock(new ManualClock()));
    client.ping(limited.localRecord()).join();
    RawPeer flooder = nodes.add(new RawPeer("127.0.0.1", limited.localRecord()));
    for (int i = 0; i < 100; i++) flooder.send(flooder.codec.randomPacket());
    // the client shares the flooder's IP, but its packets decrypt under a session: not limited
    assertThat(client.ping(limited.localRecord()).join()).isNotNull();
    int challenges = 0;
    while (flooder.receiveRaw().isPresent()) challenges++;
    assertThat(challenges).isEqualTo(20 - 1); // the client's handshake took one token
    assertThat(limited.metrics().rateLimited()).isEqualTo(100 - challenges);
  }

  @Test
  void nodesRecordsThatDoNotVerifyOrLieAboutTheirDistanceAreDropped() {
    RawPeer server = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    NodeId serverId = server.record.nodeId();
    CompletableFuture<List<NodeRecord>> result = node.findNodes(server.record, List.of(256));
    Message.FindNode find = (Message.FindNode) server.acceptHandshake();

    NodeRecord honest = recordAt(serverId, 256, 30000);
    Bytes good = honest.encoded();
    Bytes forged =
        Bytes.concatenate(
            good.slice(0, good.size() - 1), Bytes.of((good.get(good.size() - 1) + 1) & 0xff));
    // the record's last byte is in its content: the signature no longer matches
    Bytes unverifiable =
        RLP.encodeList(
            w -> {
              w.writeValue(find.requestId().bytes());
              w.writeInt(1);
              w.writeRLP(RLP.encodeList(l -> l.writeRLP(forged)));
            });
    server.sendMessage(new Message.Unknown(Message.Nodes.TYPE, unverifiable));

    NodeRecord wrongDistance = recordAt(serverId, 255, 30001);
    NodeRecord privilegedPort = recordAt(serverId, 256, 1000);
    server.sendMessage(
        new Message.Nodes(find.requestId(), 1, List.of(honest, wrongDistance, privilegedPort)));

    assertThat(result.join()).containsExactly(honest);
    assertThat(node.metrics().drops(DropReason.BAD_NODES_RECORD)).isEqualTo(3);
    assertStillAnswersPings();
  }

  /** A loopback record at a given log-distance from {@code from}. */
  private static NodeRecord recordAt(NodeId from, int distance, int port) {
    while (true) {
      PrivateKey key = PrivateKey.random();
      if (from.logDistance(NodeId.of(key.publicKey())) == distance) {
        return NodeRecord.builder().ip(InetAddress.getLoopbackAddress()).udp(port).sign(key);
      }
    }
  }

  /** A 33-byte compressed key whose x has no point on secp256k1. */
  private static Bytes offCurveKey() {
    for (int x = 1; ; x++) {
      Bytes candidate = Bytes.concatenate(Bytes.of(2), Bytes32.leftPad(Bytes.of(x)));
      try {
        PublicKey.fromBytes(candidate);
      } catch (InvalidKeyException notOnCurve) {
        return candidate;
      }
    }
  }

  private static Bytes32 idSignatureHash(Bytes challengeData, Bytes ephemeralKey, NodeId dest) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("discovery v5 identity proof".getBytes(StandardCharsets.US_ASCII));
      sha.update(challengeData.toArrayUnsafe());
      sha.update(ephemeralKey.toArrayUnsafe());
      sha.update(dest.bytes().toArrayUnsafe());
      return Bytes32.wrap(sha.digest());
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** A packet with any flag and authdata, masked for {@code dest} as the spec says. */
  private Bytes masked(NodeId dest, int flag, Bytes authData) {
    Bytes iv = randomBytes(16);
    Bytes header =
        Bytes.concatenate(
            Bytes.wrap("discv5".getBytes(StandardCharsets.US_ASCII)),
            Bytes.of(0, 1, flag),
            randomBytes(12),
            Bytes.of(authData.size() >> 8, authData.size()),
            authData);
    try {
      Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
      ctr.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(dest.bytes().slice(0, 16).toArrayUnsafe(), "AES"),
          new IvParameterSpec(iv.toArrayUnsafe()));
      // padded to the 63-byte minimum so that only the authdata is wrong
      return Bytes.concatenate(
          iv, Bytes.wrap(ctr.doFinal(header.toArrayUnsafe())), randomBytes(24));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
