package org.jdevp2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A network of several implementations, every node bootstrapped from one record only, converges:
 * through lookups every node finds every other.
 */
class MixedNetworkTest {
  /**
   * Lookup rounds allowed. With a handful of nodes a lookup that reaches the bootnode learns all of
   * them; the margin covers implementations that add nodes to their table only once they answered a
   * liveness check.
   */
  private static final int MAX_ROUNDS = 10;

  private final List<Discv5Peer> nodes = new ArrayList<>();

  @AfterEach
  void closeNodes() {
    nodes.reversed().forEach(Discv5Peer::close);
  }

  @Test
  void oursTekuAndChainSafeNodesBootstrappedFromOneOfOursFindEachOther() {
    Discv5Peer boot = start(JdevpPeer::start);
    start(() -> JdevpPeer.startWithBootnodes(boot.enr()));
    start(() -> TekuPeer.startWithBootnodes(boot.enr()));
    start(() -> ChainSafePeer.startWithBootnodes(boot.enr()));
    start(() -> JdevpPeer.startWithBootnodes(boot.enr()));
    start(() -> TekuPeer.startWithBootnodes(boot.enr()));
    start(() -> ChainSafePeer.startWithBootnodes(boot.enr()));

    Convergence.Outcome outcome = new Convergence(nodes).run(MAX_ROUNDS);

    assertThat(outcome.missing()).as(outcome::toString).isEmpty();
  }

  private Discv5Peer start(Supplier<Discv5Peer> factory) {
    Discv5Peer node = factory.get();
    nodes.add(node);
    return node;
  }
}
