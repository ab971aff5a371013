package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Topic discovery between real nodes on loopback: one advertises a service, another finds it, and
 * nodes whose record lacks the topic entry never hear a topic message.
 */
class TopicDiscoveryTest {
  /** Long enough for a few handshakes and REGTOPIC rounds on a busy two-core machine. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final TestNodes nodes = new TestNodes();

  @AfterEach
  void closeAll() {
    nodes.close();
  }

  @Test
  void aTopicOneNodeAdvertisesIsFoundByAnother() {
    List<Discovery> net = network(5, b -> b);
    Discovery advertiser = net.getFirst();
    Discovery searcher = net.getLast();
    advertiser.registerTopic("svc/1").join();
    awaitRegistrations(advertiser, "svc/1", net.size() - 1);

    List<NodeRecord> seen = new CopyOnWriteArrayList<>();
    List<NodeRecord> found = searcher.searchTopic("svc/1", 1, seen::add).join();

    assertThat(found).extracting(NodeRecord::nodeId).containsExactly(advertiser.localId());
    assertThat(seen).isEqualTo(found);
  }

  @Test
  void theAdvertiserListsTheRegistrarsHoldingItsAd() {
    List<Discovery> net = network(3, b -> b);
    Discovery advertiser = net.getFirst();
    advertiser.registerTopic("svc/5").join();
    awaitRegistrations(advertiser, "svc/5", 2);
    assertThat(advertiser.topicRegistrars("svc/5").join())
        .extracting(NodeRecord::nodeId)
        .containsExactlyInAnyOrder(net.get(1).localId(), net.get(2).localId());
  }

  @Test
  void aSearchForATopicNobodyAdvertisesEndsEmpty() {
    List<Discovery> net = network(3, b -> b);
    assertThat(net.getFirst().searchTopic("nobody", 5).join()).isEmpty();
  }

  @Test
  void nodesWithoutTheTopicEntryAreNeverSentATopicMessage() {
    List<Discovery> net = network(4, b -> b);
    Discovery plain = nodes.start(b -> b.topics(false));
    for (Discovery d : net) {
      d.ping(plain.localRecord()).join();
      plain.ping(d.localRecord()).join();
    }
    Discovery advertiser = net.getFirst();
    advertiser.registerTopic("svc/2").join();
    awaitRegistrations(advertiser, "svc/2", net.size() - 1);
    net.getLast().searchTopic("svc/2", 1).join();

    assertThat(plain.metrics().messagesIn(Message.RegTopic.TYPE)).isZero();
    assertThat(plain.metrics().messagesIn(Message.TopicQuery.TYPE)).isZero();
    assertThat(plain.metrics().drops(DropReason.UNKNOWN_MESSAGE)).isZero();
  }

  @Test
  void noAdIsSoughtWhilePeersHaveNotConfirmedOurEndpoint() {
    // the default quorum of 10 votes is out of reach with three peers
    List<Discovery> net = network(4, b -> b.addressVoteMinStatements(10));
    Discovery advertiser = net.getFirst();
    advertiser.registerTopic("svc/3").join();
    tick(advertiser);
    assertThat(advertiser.metrics().messagesOut(Message.RegTopic.TYPE)).isZero();
  }

  @Test
  void unregisteringATopicRemovesItFromTheRegisteredOnes() {
    Discovery node = nodes.start();
    node.registerTopic("a").join();
    node.registerTopic("b").join();
    node.unregisterTopic("a").join();
    assertThat(node.registeredTopics().join()).containsExactly("b");
  }

  @Test
  void registeringWithTopicsOffFails() {
    Discovery node = nodes.start(b -> b.topics(false));
    Throwable failure = catchThrowable(() -> node.registerTopic("a").join());
    assertThat(((DiscoveryException) failure.getCause()).reason())
        .isEqualTo(DiscoveryException.Reason.TOPICS_DISABLED);
  }

  @Test
  void theRegistrarCountsTheAdsItHolds() {
    List<Discovery> net = network(2, b -> b);
    net.getFirst().registerTopic("svc/4").join();
    awaitRegistrations(net.getFirst(), "svc/4", 1);
    await(() -> net.getLast().metrics().adsHeld() == 1);
    assertThat(net.getLast().metrics().adsHeld()).isEqualTo(1);
  }

  // ---------------------------------------------------------------- helpers

  /**
   * {@code n} topic-capable nodes that know each other: each has PINGed every other, so every table
   * holds the rest and one vote confirms each node's endpoint.
   */
  private List<Discovery> network(int n, UnaryOperator<DiscoveryConfig.Builder> config) {
    List<Discovery> net = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      net.add(nodes.start(b -> config.apply(b.addressVoteMinStatements(1))));
    }
    for (Discovery a : net) {
      for (Discovery b : net) if (a != b) a.ping(b.localRecord()).join();
    }
    return net;
  }

  private static void awaitRegistrations(Discovery advertiser, String topic, int registrars) {
    await(() -> advertiser.metrics().activeRegistrations().getOrDefault(topic, 0) >= registrars);
  }

  /** Waits for the network to get somewhere; fails after {@link #PATIENCE}. */
  private static void await(BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) throw new AssertionError("gave up waiting");
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Runs the loop's periodic work now. */
  private static void tick(Discovery node) {
    node.onLoop(
            p -> {
              p.tick();
              return null;
            })
        .join();
  }
}
