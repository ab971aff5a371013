package org.jdevp2p.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdevp2p.node.TestNodes.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.Test;

class NodeSourceTest {
  private static final Duration NOW = Duration.ZERO;

  @Test
  void ofHandsOutTheNodesInOrderThenEnds() throws Exception {
    NodeRecord a = node(1);
    NodeRecord b = node(2);
    try (NodeSource source = NodeSource.of(List.of(a, b))) {
      assertThat(source.next(NOW)).hasValue(a);
      assertThat(source.isClosed()).isFalse();
      assertThat(source.next(NOW)).hasValue(b);
      assertThat(source.isClosed()).isTrue();
      assertThat(source.next(NOW)).isEmpty();
    }
  }

  @Test
  void ofHandsOutNothingOnceClosed() throws Exception {
    NodeSource source = NodeSource.of(List.of(node(1)));
    source.close();
    assertThat(source.isClosed()).isTrue();
    assertThat(source.next(NOW)).isEmpty();
  }

  @Test
  void filterSkipsTheNodesItRefuses() throws Exception {
    NodeRecord noTcp = node(0);
    NodeRecord withTcp = node(30303);
    try (NodeSource source =
        NodeSource.of(List.of(noTcp, withTcp)).filter(NodeFilter.hasTcpEndpoint())) {
      assertThat(source.next(NOW)).hasValue(withTcp);
      assertThat(source.next(NOW)).isEmpty();
      assertThat(source.isClosed()).isTrue();
    }
  }

  @Test
  void closingAFilteredSourceClosesItsSource() {
    NodeQueue queue = new NodeQueue(4);
    queue.filter(r -> true).close();
    assertThat(queue.isClosed()).isTrue();
  }

  @Test
  void fairMixAlternatesBetweenSourcesThatHaveNodes() throws Exception {
    NodeRecord a1 = node(1), a2 = node(2), a3 = node(3);
    NodeRecord b1 = node(4), b2 = node(5);
    try (NodeSource mix =
        NodeSource.fairMix(
            List.of(NodeSource.of(List.of(a1, a2, a3)), NodeSource.of(List.of(b1, b2))))) {
      assertThat(drain(mix)).containsExactly(a1, b1, a2, b2, a3);
      assertThat(mix.isClosed()).isTrue();
    }
  }

  @Test
  void fairMixServesAReadySourceWithoutWaitingForAnEmptyOne() throws Exception {
    NodeQueue quiet = new NodeQueue(4);
    NodeQueue busy = new NodeQueue(4);
    NodeRecord node = node(1);
    busy.offer(node);
    try (NodeSource mix = NodeSource.fairMix(List.of(quiet, busy))) {
      assertThat(mix.next(NOW)).hasValue(node);
    }
  }

  @Test
  void fairMixTakesANodeThatArrivesWhileItWaits() throws Exception {
    NodeQueue first = new NodeQueue(4);
    NodeQueue second = new NodeQueue(4);
    NodeRecord node = node(1);
    try (NodeSource mix = NodeSource.fairMix(List.of(first, second))) {
      Thread producer = Thread.ofVirtual().start(() -> second.offer(node));
      assertThat(mix.next(Duration.ofSeconds(30))).hasValue(node);
      producer.join();
    }
  }

  @Test
  void fairMixEndsWhenEverySourceHasEnded() throws Exception {
    NodeQueue queue = new NodeQueue(4);
    NodeSource mix = NodeSource.fairMix(List.of(queue, NodeSource.of(List.of())));
    assertThat(mix.isClosed()).isFalse();
    queue.close();
    assertThat(mix.isClosed()).isTrue();
    assertThat(mix.next(NOW)).isEmpty();
  }

  @Test
  void closingTheMixClosesEverySource() {
    NodeQueue a = new NodeQueue(4);
    NodeQueue b = new NodeQueue(4);
    NodeSource.fairMix(List.of(a, b)).close();
    assertThat(a.isClosed()).isTrue();
    assertThat(b.isClosed()).isTrue();
  }

  @Test
  void closingTheMixWakesABlockedNext() throws Exception {
    NodeQueue queue = new NodeQueue(4);
    NodeSource mix = NodeSource.fairMix(List.of(queue));
    List<Optional<NodeRecord>> result = new ArrayList<>();
    Thread consumer =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    result.add(mix.next(Duration.ofDays(1)));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    mix.close();
    consumer.join();
    assertThat(result).containsExactly(Optional.empty());
  }

  private static List<NodeRecord> drain(NodeSource source) throws InterruptedException {
    List<NodeRecord> out = new ArrayList<>();
    for (Optional<NodeRecord> n = source.next(NOW); n.isPresent(); n = source.next(NOW)) {
      out.add(n.get());
    }
    return out;
  }
}
