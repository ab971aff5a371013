package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.topic.QueryResult;
import org.jdevp2p.discv5.topic.Registration;
import org.jdevp2p.discv5.topic.Topic;
import org.jdevp2p.discv5.topic.TopicCapability;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.discv5.wire.Message.Nodes;
import org.jdevp2p.discv5.wire.Message.RegConfirmation;
import org.jdevp2p.discv5.wire.Message.RegTopic;
import org.jdevp2p.discv5.wire.Message.TopicNodes;
import org.jdevp2p.discv5.wire.Message.TopicQuery;
import org.jdevp2p.discv5.wire.RequestId;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The topic messages between a node and a hand-driven peer: what the node answers as a registrar
 * (topics.md §4) and how it collects a registrar's answer to its own requests (§1, §5).
 */
class TopicServiceTest {
  private static final Topic TOPIC = Topic.of("eth/68");
  private static final RequestId ID = new RequestId(Bytes.of(1, 2, 3));

  private final TestNodes nodes = new TestNodes();

  @AfterEach
  void closeAll() {
    nodes.close();
  }

  // ---------------------------------------------------------------- serving, as a registrar

  @Test
  void firstRegTopicOnAnEmptyCacheIsAdmittedForTheAdLifetime() {
    Discovery node = nodes.start();
    RawPeer peer = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    peer.handshake(new RegTopic(ID, TOPIC.id(), peer.record, Bytes.EMPTY, List.of()));
    assertThat(peer.receiveMessage())
        .isEqualTo(new RegConfirmation(ID, 1, Bytes.EMPTY, Duration.ofMinutes(15).toMillis()));
  }

  @Test
  void regTopicWithAnotherNodesRecordGetsNoAnswerAndTheSessionStays() {
    Discovery node = nodes.start();
    RawPeer peer = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    NodeRecord someoneElse = record(TOPIC, 256, 0);
    peer.handshake(new RegTopic(ID, TOPIC.id(), someoneElse, Bytes.EMPTY, List.of()));
    peer.sendMessage(new Message.Ping(new RequestId(Bytes.of(9)), 1));
    assertThat(peer.receiveMessage()).isInstanceOf(Message.Pong.class);
    assertThat(node.metrics().drops(DropReason.TOPIC_REFUSED)).isEqualTo(1);
  }

  @Test
  void topicQueryForATopicWithoutAdsGetsOneEmptyTopicNodes() {
    Discovery node = nodes.start();
    RawPeer peer = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    peer.handshake(new TopicQuery(ID, TOPIC.id(), List.of()));
    assertThat(peer.receiveMessage()).isEqualTo(new TopicNodes(ID, 1, List.of()));
  }

  @Test
  void topicQueryReturnsTheAdOfAnAdmittedRegistrant() {
    Discovery node = nodes.start();
    RawPeer advertiser = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    advertiser.handshake(new RegTopic(ID, TOPIC.id(), advertiser.record, Bytes.EMPTY, List.of()));
    assertThat(((RegConfirmation) advertiser.receiveMessage()).ticket()).isEqualTo(Bytes.EMPTY);

    RawPeer searcher = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    searcher.handshake(new TopicQuery(ID, TOPIC.id(), List.of()));
    assertThat(searcher.receiveMessage())
        .isEqualTo(new TopicNodes(ID, 1, List.of(advertiser.record)));
  }

  @Test
  void auxiliaryRecordsAreOnePerRequestedDistanceAndAllSayTheSameTotal() {
    Discovery node = nodes.start();
    List<NodeRecord> stored = new ArrayList<>();
    for (int i = 0; i < 6; i++) stored.add(record(TOPIC, 256 - i % 3, i));
    addToTable(node, stored);
    RawPeer peer = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    peer.handshake(new TopicQuery(ID, TOPIC.id(), List.of(256, 255, 250)));

    List<Message> answer = receiveAnswer(peer);
    assertThat(answer.getFirst()).isEqualTo(new TopicNodes(ID, answer.size(), List.of()));
    List<NodeRecord> auxiliary = auxiliaryOf(answer);
    assertThat(auxiliary).hasSize(2).allMatch(stored::contains);
    assertThat(auxiliary.stream().map(r -> topicDistance(TOPIC, r)))
        .containsExactly(256, 255); // none stored at 250
  }

  @Test
  void auxiliaryRecordsLeaveOutNodesWithoutTheTopicEntry() {
    Discovery node = nodes.start();
    NodeRecord plain =
        NodeRecord.builder()
            .ip(InetAddress.getLoopbackAddress())
            .udp(20_000)
            .sign(keyAtDistance(TOPIC, 256));
    addToTable(node, List.of(plain));
    RawPeer peer = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    peer.handshake(new TopicQuery(ID, TOPIC.id(), List.of(256)));
    assertThat(peer.receiveMessage()).isEqualTo(new TopicNodes(ID, 1, List.of()));
  }

  @Test
  void aNodeWithTopicsOffIgnoresRegTopicAndKeepsTheSession() {
    Discovery node = nodes.start(b -> b.topics(false));
    RawPeer peer = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    peer.handshake(new RegTopic(ID, TOPIC.id(), peer.record, Bytes.EMPTY, List.of()));
    peer.sendMessage(new Message.Ping(new RequestId(Bytes.of(9)), 1));
    assertThat(peer.receiveMessage()).isInstanceOf(Message.Pong.class);
    assertThat(node.metrics().drops(DropReason.UNKNOWN_MESSAGE)).isEqualTo(1);
  }

  @Test
  void ourRecordCarriesTopicDiscoveryOneWhenTopicsAreOn() {
    NodeRecord record = nodes.start().localRecord();
    assertThat(record.get(TopicCapability.KEY)).contains(TopicCapability.VALUE);
    assertThat(record.get(TopicCapability.ALTERNATE_KEY)).isEmpty();
  }

  @Test
  void ourRecordCarriesNgToWhenAsked() {
    NodeRecord record = nodes.start(b -> b.publishNg(true)).localRecord();
    assertThat(record.get(TopicCapability.ALTERNATE_KEY)).contains(TopicCapability.VALUE);
  }

  @Test
  void ourRecordHasNoTopicEntryWhenTopicsAreOff() {
    NodeRecord record = nodes.start(b -> b.topics(false).publishNg(true)).localRecord();
    assertThat(TopicCapability.isCapable(record)).isFalse();
  }

  // ---------------------------------------------------------------- requesting, for our agents

  @Test
  void regTopicToANodeWithoutTheEntryFailsAtOnceAndSendsNothing() {
    Discovery node = nodes.start();
    RawPeer plain = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    CompletableFuture<Registration> reg = regTopic(node, plain.record, List.of());
    Throwable failure = catchThrowable(reg::join);
    assertThat(failure).isInstanceOf(CompletionException.class);
    assertThat(((DiscoveryException) failure.getCause()).reason())
        .isEqualTo(DiscoveryException.Reason.NOT_TOPIC_CAPABLE);
    assertThat(plain.receiveRaw()).isEmpty();
  }

  @Test
  void registrationCarriesOurRecordAndCollectsNodesUntilTotal() {
    Discovery node = nodes.start();
    RawPeer registrar = nodes.add(capablePeer(node));
    CompletableFuture<Registration> reg = regTopic(node, registrar.record, List.of(256, 255));
    RegTopic sent = (RegTopic) registrar.acceptHandshake();
    assertThat(sent.enr()).isEqualTo(node.localRecord());
    assertThat(sent.ticket()).isEqualTo(Bytes.EMPTY);

    NodeRecord at256 = record(TOPIC, 256, 1);
    NodeRecord at255 = record(TOPIC, 255, 2);
    Bytes ticket = Bytes.of(7, 7, 7);
    registrar.sendMessage(new RegConfirmation(sent.requestId(), 3, ticket, 5_000));
    registrar.sendMessage(new Nodes(sent.requestId(), 3, List.of(at256)));
    registrar.sendMessage(new Nodes(sent.requestId(), 3, List.of(at255)));

    assertThat(reg.join())
        .isEqualTo(new Registration(ticket, Duration.ofSeconds(5), List.of(at256, at255)));
  }

  @Test
  void auxiliaryRecordsAtDistancesNotAskedOrRepeatedOrWithoutTheEntryAreDropped() {
    Discovery node = nodes.start();
    RawPeer registrar = nodes.add(capablePeer(node));
    CompletableFuture<QueryResult> query = topicQuery(node, registrar.record, List.of(256));
    TopicQuery sent = (TopicQuery) registrar.acceptHandshake();

    NodeRecord first = record(TOPIC, 256, 1);
    NodeRecord second = record(TOPIC, 256, 2);
    NodeRecord notAsked = record(TOPIC, 255, 3);
    NodeRecord plain =
        NodeRecord.builder()
            .ip(InetAddress.getLoopbackAddress())
            .udp(20_004)
            .sign(keyAtDistance(TOPIC, 256));
    registrar.sendMessage(new TopicNodes(sent.requestId(), 2, List.of()));
    registrar.sendMessage(new Nodes(sent.requestId(), 2, List.of(plain, first, second, notAsked)));

    assertThat(query.join().auxiliary()).containsExactly(first);
    assertThat(node.metrics().drops(DropReason.BAD_NODES_RECORD)).isEqualTo(3);
  }

  @Test
  void queryCollectsTheAdsOfEveryTopicNodes() {
    Discovery node = nodes.start();
    RawPeer registrar = nodes.add(capablePeer(node));
    CompletableFuture<QueryResult> query = topicQuery(node, registrar.record, List.of());
    TopicQuery sent = (TopicQuery) registrar.acceptHandshake();
    NodeRecord a = advertiser(1);
    NodeRecord b = advertiser(2);
    registrar.sendMessage(new TopicNodes(sent.requestId(), 2, List.of(a)));
    registrar.sendMessage(new TopicNodes(sent.requestId(), 2, List.of(b)));
    assertThat(query.join()).isEqualTo(new QueryResult(List.of(a, b), List.of()));
  }

  @Test
  void aRegistrationCutShortKeepsTheConfirmationWhenTheTimeoutPasses() {
    ManualClock clock = new ManualClock();
    Discovery node = nodes.start(b -> b.clock(clock));
    RawPeer registrar = nodes.add(capablePeer(node));
    CompletableFuture<Registration> reg = regTopic(node, registrar.record, List.of(256));
    RegTopic sent = (RegTopic) registrar.acceptHandshake();
    registrar.sendMessage(new RegConfirmation(sent.requestId(), 2, Bytes.EMPTY, 900_000));
    registrar.sendMessage(new Message.Ping(new RequestId(Bytes.of(9)), 1));
    assertThat(registrar.receiveMessage()).isInstanceOf(Message.Pong.class); // both were read

    clock.advance(TestNodes.TIMEOUT);
    node.onLoop(
            p -> {
              p.tick();
              return null;
            })
        .join();
    assertThat(reg.join())
        .isEqualTo(new Registration(Bytes.EMPTY, Duration.ofMinutes(15), List.of()));
  }

  @Test
  void aTopicQueryWithoutAnyAnswerFailsWithTimeout() {
    ManualClock clock = new ManualClock();
    Discovery node = nodes.start(b -> b.clock(clock));
    RawPeer registrar = nodes.add(capablePeer(node));
    CompletableFuture<QueryResult> query = topicQuery(node, registrar.record, List.of());
    registrar.acceptHandshake();
    clock.advance(TestNodes.TIMEOUT);
    node.onLoop(
            p -> {
              p.tick();
              return null;
            })
        .join();
    Throwable failure = catchThrowable(query::join);
    assertThat(((DiscoveryException) failure.getCause()).reason())
        .isEqualTo(DiscoveryException.Reason.TIMEOUT);
  }

  @Test
  void aSecondRegConfirmationBreaksTheAnswer() {
    Discovery node = nodes.start();
    RawPeer registrar = nodes.add(capablePeer(node));
    CompletableFuture<Registration> reg = regTopic(node, registrar.record, List.of());
    RegTopic sent = (RegTopic) registrar.acceptHandshake();
    registrar.sendMessage(new RegConfirmation(sent.requestId(), 2, Bytes.of(1), 10));
    registrar.sendMessage(new RegConfirmation(sent.requestId(), 2, Bytes.of(1), 10));
    Throwable failure = catchThrowable(reg::join);
    assertThat(((DiscoveryException) failure.getCause()).reason())
        .isEqualTo(DiscoveryException.Reason.BAD_RESPONSE);
    assertThat(node.metrics().drops(DropReason.BAD_TOPIC_RESPONSE)).isEqualTo(1);
  }

  @Test
  void aTotalThatChangesBreaksTheAnswer() {
    Discovery node = nodes.start();
    RawPeer registrar = nodes.add(capablePeer(node));
    CompletableFuture<QueryResult> query = topicQuery(node, registrar.record, List.of());
    TopicQuery sent = (TopicQuery) registrar.acceptHandshake();
    registrar.sendMessage(new TopicNodes(sent.requestId(), 3, List.of()));
    registrar.sendMessage(new TopicNodes(sent.requestId(), 2, List.of()));
    Throwable failure = catchThrowable(query::join);
    assertThat(((DiscoveryException) failure.getCause()).reason())
        .isEqualTo(DiscoveryException.Reason.BAD_RESPONSE);
  }

  @Test
  void messagesBeyondTheTotalAreUnsolicited() {
    Discovery node = nodes.start();
    RawPeer registrar = nodes.add(capablePeer(node));
    CompletableFuture<QueryResult> query = topicQuery(node, registrar.record, List.of());
    TopicQuery sent = (TopicQuery) registrar.acceptHandshake();
    registrar.sendMessage(new TopicNodes(sent.requestId(), 1, List.of()));
    query.join();
    registrar.sendMessage(new TopicNodes(sent.requestId(), 1, List.of(advertiser(1))));
    registrar.sendMessage(new Message.Ping(new RequestId(Bytes.of(9)), 1));
    assertThat(registrar.receiveMessage()).isInstanceOf(Message.Pong.class);
    assertThat(node.metrics().drops(DropReason.UNSOLICITED_RESPONSE)).isEqualTo(1);
  }

  @Test
  void aTotalOverEightIsReadAsEight() {
    Discovery node = nodes.start();
    RawPeer registrar = nodes.add(capablePeer(node));
    CompletableFuture<QueryResult> query = topicQuery(node, registrar.record, List.of());
    TopicQuery sent = (TopicQuery) registrar.acceptHandshake();
    for (int i = 0; i < TopicAnswer.MAX_RESPONSES; i++) {
      registrar.sendMessage(new TopicNodes(sent.requestId(), 200, List.of(advertiser(i))));
    }
    assertThat(query.join().ads()).hasSize(TopicAnswer.MAX_RESPONSES);
  }

  // ---------------------------------------------------------------- helpers

  private static RawPeer capablePeer(Discovery node) {
    return new RawPeer(
        "127.0.0.1", node.localRecord(), b -> b.set(TopicCapability.KEY, TopicCapability.VALUE));
  }

  private static CompletableFuture<Registration> regTopic(
      Discovery node, NodeRecord registrar, List<Integer> distances) {
    return node.onLoop(
            p -> p.topics().orElseThrow().regTopic(registrar, TOPIC.id(), Bytes.EMPTY, distances))
        .join();
  }

  private static CompletableFuture<QueryResult> topicQuery(
      Discovery node, NodeRecord registrar, List<Integer> distances) {
    return node.onLoop(p -> p.topics().orElseThrow().topicQuery(registrar, TOPIC.id(), distances))
        .join();
  }

  private static void addToTable(Discovery node, List<NodeRecord> records) {
    node.onLoop(
            p -> {
              records.forEach(r -> p.table().addVerified(r, r.udpEndpoint4().orElseThrow()));
              return null;
            })
        .join();
  }

  /** The messages of one answer, as many as its first one's total says. */
  private static List<Message> receiveAnswer(RawPeer peer) {
    List<Message> answer = new ArrayList<>();
    Message first = peer.receiveMessage();
    answer.add(first);
    int total =
        switch (first) {
          case TopicNodes t -> t.total();
          case RegConfirmation c -> c.total();
          default -> throw new AssertionError("not a topic answer: " + first);
        };
    for (int i = 1; i < total; i++) answer.add(peer.receiveMessage());
    for (Message m : answer) {
      int t =
          switch (m) {
            case TopicNodes n -> n.total();
            case RegConfirmation c -> c.total();
            case Nodes n -> n.total();
            default -> throw new AssertionError("not a topic answer: " + m);
          };
      assertThat(t).isEqualTo(total);
    }
    return answer;
  }

  private static List<NodeRecord> auxiliaryOf(List<Message> answer) {
    List<NodeRecord> out = new ArrayList<>();
    for (Message m : answer) if (m instanceof Nodes n) out.addAll(n.records());
    return out;
  }

  private static int topicDistance(Topic topic, NodeRecord r) {
    return new NodeId(topic.id()).logDistance(r.nodeId());
  }

  /** A topic-capable record on loopback, as an advertiser's. */
  private static NodeRecord advertiser(int port) {
    return NodeRecord.builder()
        .ip(InetAddress.getLoopbackAddress())
        .udp(30_000 + port)
        .set(TopicCapability.KEY, TopicCapability.VALUE)
        .sign(PrivateKey.random());
  }

  /** A topic-capable record on loopback whose id lies at distance {@code d} from the topic. */
  private static NodeRecord record(Topic topic, int d, int port) {
    return NodeRecord.builder()
        .ip(InetAddress.getLoopbackAddress())
        .udp(20_000 + port)
        .set(TopicCapability.KEY, TopicCapability.VALUE)
        .sign(keyAtDistance(topic, d));
  }

  /** A random key whose node id lies at {@code d} from the topic; d near 256 is found quickly. */
  private static PrivateKey keyAtDistance(Topic topic, int d) {
    NodeId target = new NodeId(topic.id());
    while (true) {
      PrivateKey key = PrivateKey.random();
      if (target.logDistance(NodeId.of(key.publicKey())) == d) return key;
    }
  }
}
