package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.Test;

/** The simulator itself: virtual time, the in-memory transport and the plain codec. */
class SimNetworkTest {
  private static final Duration LATENCY = SimNetwork.Options.defaults(0).latency();

  @Test
  void aPingIsAnsweredAfterOneRoundTripOfVirtualTime() {
    SimNetwork net = new SimNetwork(SimNetwork.Options.defaults(1));
    SimNode a = net.addNode(b -> b);
    SimNode b = net.addNode(b2 -> b2);
    CompletableFuture<Object> pong = a.protocol().ping(b.record());

    net.run(LATENCY.multipliedBy(2).minusMillis(1));
    assertThat(pong).isNotDone();
    net.run(Duration.ofMillis(1));
    assertThat(pong).isCompleted();
  }

  @Test
  void aLostDatagramMakesTheRequestTimeOut() {
    SimNetwork net = new SimNetwork(SimNetwork.Options.defaults(2).withLoss(1.0));
    SimNode a = net.addNode(b -> b);
    SimNode b = net.addNode(b2 -> b2);
    CompletableFuture<Object> pong = a.protocol().ping(b.record());

    net.run(Duration.ofSeconds(2));

    assertThat(pong).isCompletedExceptionally();
    assertThat(b.receivedTotal()).isZero();
    assertThat(net.inFlight()).isZero();
  }

  @Test
  void theFirstMessageCarriesTheSendersRecordIntoTheReceiversTable() {
    SimNetwork net = new SimNetwork(SimNetwork.Options.defaults(3));
    SimNode a = net.addNode(b -> b);
    SimNode b = net.addNode(b2 -> b2);
    a.protocol().ping(b.record());

    net.run(LATENCY.multipliedBy(2));

    assertThat(b.protocol().table().get(a.id())).isPresent(); // the handshake's record
    assertThat(a.protocol().table().get(b.id())).isPresent(); // the answer's sender
  }

  @Test
  void messagesAreCountedByTypeAtTheReceiver() {
    SimNetwork net = new SimNetwork(SimNetwork.Options.defaults(4));
    SimNode a = net.addNode(b -> b);
    SimNode b = net.addNode(b2 -> b2);
    a.protocol().ping(b.record());
    a.protocol().findNodes(b.record(), List.of(256));

    net.run(LATENCY.multipliedBy(2));

    assertThat(b.received(Message.Ping.TYPE)).isEqualTo(1);
    assertThat(b.received(Message.FindNode.TYPE)).isEqualTo(1);
    assertThat(a.received(Message.Pong.TYPE)).isEqualTo(1);
    assertThat(a.received(Message.Nodes.TYPE)).isEqualTo(1);
    assertThat(a.sent(Message.Ping.TYPE)).isEqualTo(1);
  }

  @Test
  void responsesAreCountedAgainstTheRequestTheyAnswer() {
    SimNetwork net = new SimNetwork(SimNetwork.Options.defaults(8));
    SimNode a = net.addNode(b -> b);
    SimNode b = net.addNode(b2 -> b2);
    a.protocol().findNodes(b.record(), List.of(256));
    a.protocol().findNodes(b.record(), List.of(255));

    net.run(LATENCY.multipliedBy(2));

    assertThat(a.answersTo(Message.FindNode.TYPE)).isEqualTo(2);
    assertThat(a.answersTo(Message.Ping.TYPE)).isZero();
  }

  @Test
  void filledTablesHoldUpToSixteenNodesPerBucket() {
    SimNetwork net = new SimNetwork(SimNetwork.Options.defaults(5));
    for (int i = 0; i < 200; i++) net.addNode(b -> b);

    net.fillTables(NodeTable.BUCKET_SIZE);

    SimNode n = net.nodes().getFirst();
    long atTop = net.nodes().stream().filter(o -> n.id().logDistance(o.id()) == 256).count();
    assertThat(n.protocol().table().atDistance(256)).hasSize((int) Math.min(16, atTop));
    assertThat(n.protocol().table().size()).isLessThanOrEqualTo(199);
  }

  @Test
  void aLookupOverFilledTablesFindsItsTargetFirst() {
    SimNetwork net = new SimNetwork(SimNetwork.Options.defaults(6));
    for (int i = 0; i < 300; i++) net.addNode(b -> b);
    net.fillTables(NodeTable.BUCKET_SIZE);
    SimNode target = net.nodes().get(123);

    CompletableFuture<List<NodeRecord>> found =
        net.nodes().getFirst().protocol().lookup(target.id());
    net.run(Duration.ofSeconds(30));

    assertThat(found).isCompleted();
    assertThat(found.join().getFirst().nodeId()).isEqualTo(target.id());
  }

  @Test
  void twentyFiveThousandHonestNodesEachGetTheirOwnSlash16OutsideOneHundredSlash8() {
    SimNetwork net = new SimNetwork(SimNetwork.Options.defaults(9));
    Set<Integer> slash16s = new HashSet<>();
    for (int i = 0; i < 25_000; i++) {
      byte[] ip = net.nextHonestIp().getAddress();
      assertThat(ip[0] & 0xff).isBetween(11, 126).isNotEqualTo(100);
      assertThat(slash16s.add((ip[0] & 0xff) << 8 | (ip[1] & 0xff))).isTrue();
    }
  }

  @Test
  void theSameSeedGivesTheSameRun() {
    assertThat(messagesOfAShortRun(7)).isEqualTo(messagesOfAShortRun(7));
  }

  /** Messages each node received, then the events run. */
  private static List<Long> messagesOfAShortRun(long seed) {
    SimNetwork net = new SimNetwork(SimNetwork.Options.defaults(seed));
    for (int i = 0; i < 50; i++) net.addNode(b -> b);
    net.fillTables(NodeTable.BUCKET_SIZE);
    net.nodes().getFirst().protocol().lookup(net.randomId());
    net.run(Duration.ofSeconds(20));
    List<Long> counts = new ArrayList<>();
    net.nodes().forEach(n -> counts.add(n.receivedTotal()));
    counts.add(net.clock().eventsRun());
    return counts;
  }
}
