package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;
import org.junit.jupiter.api.Test;

/** The lookup algorithm against a simulated network where every node knows every other. */
class LookupTest {
  private final NodeId self = NodeId.of(PrivateKey.random().publicKey());
  private static final List<NodeRecord> network = new ArrayList<>();
  private final Map<NodeId, CompletableFuture<List<NodeRecord>>> pending = new HashMap<>();
  private final Map<NodeId, List<Integer>> asked = new HashMap<>();
  private int maxInFlight;

  static {
    for (int i = 0; i < 60; i++) {
      network.add(
          NodeRecord.builder()
              .ip(InetAddress.getLoopbackAddress())
              .udp(2000 + i)
              .sign(PrivateKey.random()));
    }
  }

  /** Answers like an honest node: the records at the requested distances from itself. */
  private List<NodeRecord> answer(NodeRecord peer, List<Integer> distances) {
    return network.stream()
        .filter(r -> distances.contains(peer.nodeId().logDistance(r.nodeId())))
        .limit(16)
        .toList();
  }

  private CompletableFuture<List<NodeRecord>> findNode(NodeRecord peer, List<Integer> distances) {
    asked.put(peer.nodeId(), distances);
    CompletableFuture<List<NodeRecord>> f = new CompletableFuture<>();
    pending.put(peer.nodeId(), f);
    maxInFlight =
        Math.max(maxInFlight, (int) pending.values().stream().filter(p -> !p.isDone()).count());
    return f;
  }

  /** Answers every pending request until the lookup ends. */
  private void runNetwork(java.util.function.Predicate<NodeId> dead) {
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Map.Entry<NodeId, CompletableFuture<List<NodeRecord>>> e :
          List.copyOf(pending.entrySet())) {
        if (e.getValue().isDone()) continue;
        progress = true;
        NodeRecord peer =
            network.stream().filter(r -> r.nodeId().equals(e.getKey())).findFirst().orElseThrow();
        if (dead.test(peer.nodeId())) {
          e.getValue()
              .completeExceptionally(
                  new DiscoveryException(DiscoveryException.Reason.TIMEOUT, "dead"));
        } else {
          e.getValue().complete(answer(peer, asked.get(peer.nodeId())));
        }
      }
    }
  }

  @Test
  void findsTheClosestNodesOfTheNetworkToTheTarget() {
    NodeId target = network.get(17).nodeId();
    CompletableFuture<List<NodeRecord>> result =
        new Lookup(target, self, (peer, d) -> CompletableFuture.completedFuture(answer(peer, d)))
            .start(List.of(network.get(0)));
    List<NodeRecord> found = result.join();
    assertThat(found.getFirst()).isEqualTo(network.get(17));
    List<NodeRecord> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparing(NodeRecord::nodeId, target::compareDistance));
    assertThat(found).isEqualTo(sorted);
  }

  @Test
  void asksAtMostAlphaNodesAtATime() {
    Lookup lookup = new Lookup(network.get(5).nodeId(), self, this::findNode);
    CompletableFuture<List<NodeRecord>> result = lookup.start(network.subList(0, 10));
    assertThat(pending).hasSize(Lookup.ALPHA);
    runNetwork(id -> false);
    assertThat(result).isDone();
    assertThat(maxInFlight).isEqualTo(Lookup.ALPHA);
  }

  @Test
  void nodesThatDoNotAnswerAreLeftOutOfTheResult() {
    NodeId deadId = network.get(1).nodeId();
    Lookup lookup = new Lookup(network.get(1).nodeId(), self, this::findNode);
    CompletableFuture<List<NodeRecord>> result = lookup.start(network.subList(0, 5));
    runNetwork(deadId::equals);
    assertThat(result.join()).extracting(NodeRecord::nodeId).doesNotContain(deadId).isNotEmpty();
  }

  @Test
  void asksForTheTargetsDistanceThenTheNeighbouringOnes() {
    NodeId target = network.get(3).nodeId();
    NodeId peer = network.get(4).nodeId();
    int d = target.logDistance(peer);
    List<Integer> distances = Lookup.distances(target, peer);
    assertThat(distances).hasSize(Lookup.DISTANCES_PER_REQUEST).startsWith(d);
    assertThat(distances).allMatch(x -> x >= 1 && x <= 256 && Math.abs(x - d) <= 2);
  }

  @Test
  void aLookupWithoutSeedsEndsEmpty() {
    assertThat(new Lookup(self, self, this::findNode).start(List.of()).join()).isEmpty();
  }
}
