package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.discv5.wire.Packet;
import org.jdevp2p.discv5.wire.RequestId;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Protocol flows between real nodes over loopback UDP. */
class DiscoveryTest {
  private final TestNodes nodes = new TestNodes();

  @AfterEach
  void closeAll() throws Exception {
    nodes.close();
  }

  private static Bytes utf8(String s) {
    return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aNodePingsAFreshNodeAfterAHandshakeAndLearnsWhereItWasSeen() {
    Discovery a = nodes.start();
    Discovery b = nodes.start();
    PingResponse pong = a.ping(b.localRecord()).join();
    assertThat(pong.recipient()).isEqualTo(a.localAddress4().orElseThrow());
    assertThat(pong.enrSeq()).isEqualTo(b.localRecord().seq());
    assertThat(a.metrics().handshakes()).isEqualTo(1);
    assertThat(b.metrics().handshakes()).isEqualTo(1);
  }

  @Test
  void theRecipientOfAHandshakePingsBackOverTheSameSession() {
    Discovery a = nodes.start();
    Discovery b = nodes.start();
    a.ping(b.localRecord()).join();
    PingResponse pong = b.ping(a.localRecord()).join();
    assertThat(pong.recipient()).isEqualTo(b.localAddress4().orElseThrow());
    assertThat(b.metrics().packetsOut(PacketKind.HANDSHAKE)).isZero();
  }

  @Test
  void twoFreshNodesPingingEachOtherAtOnceBothGetAnswers() {
    Discovery a = nodes.start();
    Discovery b = nodes.start();
    CompletableFuture<PingResponse> ab = a.ping(b.localRecord());
    CompletableFuture<PingResponse> ba = b.ping(a.localRecord());
    assertThat(ab.join().recipient()).isEqualTo(a.localAddress4().orElseThrow());
    assertThat(ba.join().recipient()).isEqualTo(b.localAddress4().orElseThrow());
  }

  @Test
  void aPingWithAnEightByteRequestIdGetsAPongEchoingItAndOurAddress() {
    Discovery node = nodes.start();
    RawPeer peer = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    RequestId id = new RequestId(Bytes.fromHexString("0x00ff00ff00ff00ff"));
    peer.handshake(new Message.Ping(id, 1));
    Message.Pong pong = (Message.Pong) peer.receiveMessage();
    assertThat(pong.requestId()).isEqualTo(id);
    assertThat(new InetSocketAddress(pong.recipientIp(), pong.recipientPort()))
        .isEqualTo(peer.address());
  }

  @Test
  void aRepeatedPacketDuringAPendingHandshakeGetsTheSameWhoAreYou() {
    Discovery node = nodes.start();
    RawPeer peer = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    peer.send(peer.codec.randomPacket());
    Bytes first = peer.receiveDatagram();
    peer.send(peer.codec.randomPacket());
    Bytes second = peer.receiveDatagram();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void theSameNodeTalkingFromASecondIpGetsAFreshChallengeAndItsPongShowsThatIp() {
    Discovery node = nodes.start();
    PrivateKey key = PrivateKey.random();
    RawPeer first = nodes.add(new RawPeer(key, "127.0.0.1", node.localRecord()));
    first.handshake(new Message.Ping(new RequestId(Bytes.of(1)), 1));
    first.receiveMessage();

    RawPeer second = nodes.add(new RawPeer(key, "127.0.0.2", node.localRecord()));
    second.session = first.session; // the session of the first endpoint
    second.sendMessage(new Message.Ping(new RequestId(Bytes.of(2)), 1));
    Packet.WhoAreYou challenge = (Packet.WhoAreYou) second.receivePacket();
    second.send(second.handshakePacket(challenge, new Message.Ping(new RequestId(Bytes.of(3)), 1)));
    Message.Pong pong = (Message.Pong) second.receiveMessage();
    assertThat(pong.recipientIp().getHostAddress()).isEqualTo("127.0.0.2");
    assertThat(pong.recipientPort()).isEqualTo(second.address().getPort());
  }

  @Test
  void talkForAnUnknownProtocolGetsAnEmptyResponse() {
    Discovery a = nodes.start();
    Discovery b = nodes.start();
    assertThat(a.talk(b.localRecord(), utf8("nobody"), utf8("hello")).join())
        .isEqualTo(Bytes.EMPTY);
  }

  @Test
  void talkIsAnsweredByTheHandlerRegisteredForItsProtocol() {
    Discovery a = nodes.start();
    Discovery b = nodes.start();
    b.registerTalkHandler(
        utf8("echo"), (from, source, request) -> Bytes.concatenate(request, request));
    assertThat(a.talk(b.localRecord(), utf8("echo"), utf8("hi")).join()).isEqualTo(utf8("hihi"));
  }

  @Test
  void findNodeAtDistanceZeroReturnsTheNodesOwnRecord() {
    Discovery a = nodes.start();
    Discovery b = nodes.start();
    assertThat(a.findNodes(b.localRecord(), List.of(0)).join()).containsExactly(b.localRecord());
  }

  @Test
  void anUnknownMessageTypeIsIgnoredAndTheSessionKept() {
    Discovery node = nodes.start();
    RawPeer peer = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    peer.handshake(new Message.Unknown(0x0b, Bytes.fromHexString("0xc0")));
    peer.sendMessage(new Message.Ping(new RequestId(Bytes.of(9)), 1));
    assertThat(peer.receiveMessage()).isInstanceOf(Message.Pong.class);
    assertThat(node.metrics().drops(DropReason.UNKNOWN_MESSAGE)).isEqualTo(1);
  }

  @Test
  void findNodeResultsAreTheRecordsAtTheRequestedDistancesSplitOverSeveralNodesMessages() {
    Discovery node = nodes.start();
    List<NodeRecord> stored = fillTable(node, 40);
    RawPeer peer = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    List<Integer> distances = List.of(256, 255, 254);
    peer.handshake(new Message.FindNode(new RequestId(Bytes.of(7)), distances));

    Message.Nodes first = (Message.Nodes) peer.receiveMessage();
    List<NodeRecord> received = new ArrayList<>(first.records());
    for (int i = 1; i < first.total(); i++) {
      received.addAll(((Message.Nodes) peer.receiveMessage()).records());
    }
    List<NodeRecord> expected =
        stored.stream()
            .filter(r -> distances.contains(node.localId().logDistance(r.nodeId())))
            .limit(Protocol.FINDNODE_RESULT_LIMIT)
            .toList();
    assertThat(first.total()).isGreaterThan(1);
    assertThat(received).hasSameSizeAs(expected);
    assertThat(received).allMatch(r -> distances.contains(node.localId().logDistance(r.nodeId())));
  }

  /** Puts n live-looking loopback records into the node's table, as if each had answered. */
  private static List<NodeRecord> fillTable(Discovery node, int n) {
    List<NodeRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(
          NodeRecord.builder()
              .ip(InetAddress.getLoopbackAddress())
              .udp(20000 + i)
              .sign(PrivateKey.random()));
    }
    node.onLoop(
            p -> {
              records.forEach(r -> p.table().addVerified(r, r.udpEndpoint4().orElseThrow()));
              return null;
            })
        .join();
    return node.tableNodes().join();
  }

  @Test
  void findNodesKeepsOnlyRecordsAtTheRequestedDistances() {
    Discovery a = nodes.start();
    Discovery b = nodes.start();
    fillTable(b, 20);
    List<NodeRecord> found = a.findNodes(b.localRecord(), List.of(256)).join();
    assertThat(found).isNotEmpty();
    assertThat(found).allMatch(r -> b.localId().logDistance(r.nodeId()) == 256);
  }

  @Test
  void theNodeSourceStreamsLearnedNodesThatPassItsFilter() throws Exception {
    Discovery a = nodes.start();
    Discovery b = nodes.start();
    List<NodeRecord> stored = fillTable(b, 20);
    NodeRecord unwanted =
        stored.stream()
            .filter(r -> b.localId().logDistance(r.nodeId()) == 256)
            .findFirst()
            .orElseThrow();
    try (NodeSource source = a.nodeSource(r -> !r.nodeId().equals(unwanted.nodeId()))) {
      a.findNodes(b.localRecord(), List.of(256, 255, 254)).join();
      List<NodeRecord> streamed = new ArrayList<>();
      Optional<NodeRecord> next;
      while (streamed.size() < 100 && (next = source.next(Duration.ofMillis(200))).isPresent()) {
        streamed.add(next.get());
      }
      assertThat(streamed).isNotEmpty().doesNotContain(unwanted);
      assertThat(streamed).allMatch(r -> stored.contains(r) || r.equals(b.localRecord()));
    }
  }

  /**
   * A consumer whose filter nothing passes keeps the stream wanting nodes forever; lookups for it
   * start once a second at most, by the node's clock (here one that stands still until told).
   */
  @Test
  void theNodeSourceStartsOneLookupASecondAtMost() throws Exception {
    ManualClock clock = new ManualClock();
    Discovery b = nodes.start();
    Discovery a = nodes.start(c -> c.clock(clock).bootnodes(List.of(b.localRecord())));
    try (NodeSource source = a.nodeSource(r -> false)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      // the bootstrap's refresh (a self lookup and three random ones), then one feeding lookup
      long started = 1 + Protocol.RANDOM_LOOKUPS_PER_REFRESH + 1;
      while (a.metrics().lookups() < started && System.nanoTime() < deadline) Thread.sleep(20);
      assertThat(a.metrics().lookups()).isEqualTo(started);

      Thread.sleep(500); // ten ticks of the loop, with the clock standing still
      assertThat(a.metrics().lookups()).isEqualTo(started);

      clock.advance(Protocol.MIN_FEED_INTERVAL);
      while (a.metrics().lookups() < started + 1 && System.nanoTime() < deadline) Thread.sleep(20);
      assertThat(a.metrics().lookups()).isEqualTo(started + 1);
    }
  }

  @Test
  void aNodeClosedFromItsOwnCallbackFailsItsPendingRequests() {
    Discovery a = nodes.start();
    Discovery b = nodes.start();
    RawPeer silent = nodes.add(new RawPeer("127.0.0.1", a.localRecord()));
    CompletableFuture<PingResponse> pending = a.ping(silent.record);
    a.ping(b.localRecord()).thenRun(a::close).join();
    assertThat(pending).isCompletedExceptionally();
  }

  @Test
  void nodesThatAnsweredUsEnterTheTable() {
    Discovery a = nodes.start();
    Discovery b = nodes.start();
    a.ping(b.localRecord()).join();
    assertThat(a.tableNodes().join()).containsExactly(b.localRecord());
    assertThat(b.tableNodes().join()).containsExactly(a.localRecord());
  }
}
