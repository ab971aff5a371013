package org.jdevp2p.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jdevp2p.node.TestNodes.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.Test;

class NodeQueueTest {
  private static final Duration NOW = Duration.ZERO;

  @Test
  void handsOutNodesInTheOrderOffered() throws Exception {
    NodeRecord a = node(1);
    NodeRecord b = node(2);
    try (NodeQueue queue = new NodeQueue(4)) {
      queue.offer(a);
      queue.offer(b);
      assertThat(queue.next(NOW)).hasValue(a);
      assertThat(queue.next(NOW)).hasValue(b);
    }
  }

  @Test
  void anEmptyQueueReturnsEmptyWhenTheTimeoutPasses() throws Exception {
    try (NodeQueue queue = new NodeQueue(4)) {
      assertThat(queue.next(Duration.ofMillis(1))).isEmpty();
      assertThat(queue.isClosed()).isFalse();
    }
  }

  @Test
  void aFullQueueDropsTheOldestNode() throws Exception {
    NodeRecord oldest = node(1);
    NodeRecord middle = node(2);
    NodeRecord newest = node(3);
    try (NodeQueue queue = new NodeQueue(2)) {
      queue.offer(oldest);
      queue.offer(middle);
      queue.offer(newest);
      assertThat(queue.size()).isEqualTo(2);
      assertThat(queue.dropped()).isEqualTo(1);
      assertThat(queue.next(NOW)).hasValue(middle);
      assertThat(queue.next(NOW)).hasValue(newest);
    }
  }

  @Test
  void aClosedQueueRefusesOffersAndHandsOutNothing() throws Exception {
    NodeQueue queue = new NodeQueue(4);
    queue.offer(node(1));
    queue.close();
    assertThat(queue.offer(node(2))).isFalse();
    assertThat(queue.next(NOW)).isEmpty();
    assertThat(queue.size()).isZero();
  }

  @Test
  void aBlockedNextReturnsTheNodeOfferedByAnotherThread() throws Exception {
    NodeRecord node = node(1);
    try (NodeQueue queue = new NodeQueue(4)) {
      Thread producer = Thread.ofVirtual().start(() -> queue.offer(node));
      assertThat(queue.next(Duration.ofSeconds(30))).hasValue(node);
      producer.join();
    }
  }

  @Test
  void closeWakesABlockedNext() throws Exception {
    NodeQueue queue = new NodeQueue(4);
    List<Optional<NodeRecord>> result = new ArrayList<>();
    Thread consumer =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    result.add(queue.next(Duration.ofDays(1)));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    queue.close();
    consumer.join();
    assertThat(result).containsExactly(Optional.empty());
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> new NodeQueue(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
