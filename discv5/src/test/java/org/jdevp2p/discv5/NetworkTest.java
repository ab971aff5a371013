package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A local network of real nodes on 127.0.0.1, joined through one bootnode. */
class NetworkTest {
  /**
   * Enough nodes that lookups need several hops; every node looks up every other, so the cost grows
   * with the square (30 nodes took two minutes on a loaded two-core CI machine).
   */
  private static final int NODES = 16;

  private final TestNodes nodes = new TestNodes();

  @AfterEach
  void closeAll() {
    nodes.close();
  }

  @Test
  void aNetworkBootstrappedFromOneNodeConvergesEveryNodeFindsEveryOtherByLookup() {
    Discovery boot = nodes.start();
    List<Discovery> all = new ArrayList<>(List.of(boot));
    for (int i = 1; i < NODES; i++) {
      all.add(nodes.start(b -> b.bootnodes(List.of(boot.localRecord()))));
    }
    // Joining is asynchronous; a PING from each node to the bootnode makes sure every node has
    // introduced itself before the lookups start.
    for (Discovery node : all.subList(1, all.size())) node.ping(boot.localRecord()).join();
    // Every node looks up every other, one lookup at a time per node, all nodes at once.
    List<CompletableFuture<List<String>>> misses = new ArrayList<>();
    for (Discovery node : all) {
      CompletableFuture<List<String>> chain = CompletableFuture.completedFuture(new ArrayList<>());
      for (Discovery other : all) {
        if (other == node) continue;
        NodeId target = other.localId();
        chain =
            chain.thenCompose(
                missed ->
                    node.lookup(target)
                        .thenApply(
                            found -> {
                              if (found.stream()
                                  .map(NodeRecord::nodeId)
                                  .noneMatch(target::equals)) {
                                missed.add(node.localId() + " missed " + target);
                              }
                              return missed;
                            }));
      }
      misses.add(chain);
    }
    List<String> missed = new ArrayList<>();
    misses.forEach(m -> missed.addAll(m.join()));
    assertThat(missed).isEmpty();
  }
}
