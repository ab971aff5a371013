package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.node.NodeId;
import org.junit.jupiter.api.Test;

/**
 * Joining through one bootnode and refreshing the table (geth's doRefresh), in the simulator.
 *
 * <p>The nodes behind the bootnode sit at log distance 256 from it, and the joiner at 250 or less:
 * a lookup of the joiner's own id asks the bootnode only for distances around 250, which hold none
 * of them. Only the refresh's random lookups reach them: one asks for 256 when its target is at 255
 * or 256 from the bootnode, 3 targets in 4. The network's seed fixes every key and target, so each
 * test is deterministic.
 */
class RefreshTest {
  private static final int BEHIND_BOOTNODE = 4;

  /** The joiner's greatest log distance to the bootnode: far below every distance asked of 256. */
  private static final int JOINER_MAX_DISTANCE = 250;

  private final SimNetwork net = new SimNetwork(SimNetwork.Options.defaults(11));
  private final SimNode boot = net.addNode(b -> b);

  @Test
  void aSelfLookupThroughTheBootnodeFindsNoneOfTheNodesFarFromTheJoiner() {
    List<SimNode> behind = nodesBehindTheBootnode();
    SimNode joiner = joiner(c -> c);
    joiner.protocol().ping(boot.record());
    net.run(Duration.ofSeconds(1));

    joiner.protocol().lookup(joiner.id());
    net.run(Duration.ofSeconds(10));

    assertThat(behind).noneMatch(n -> joiner.protocol().table().get(n.id()).isPresent());
  }

  @Test
  void aJoinerFindsTheNodesItsSelfLookupCannotReach() {
    List<SimNode> behind = nodesBehindTheBootnode();
    SimNode joiner = joiner(c -> c.bootnodes(List.of(boot.record())));

    joiner.protocol().bootstrap();
    net.run(Duration.ofSeconds(30));

    assertThat(behind).allMatch(n -> joiner.protocol().table().get(n.id()).isPresent());
  }

  @Test
  void aRefreshWithinTheIntervalFindsNodesThatJoinedLater() {
    Duration interval = Duration.ofMinutes(10);
    SimNode joiner = joiner(c -> c.bootnodes(List.of(boot.record())).refreshInterval(interval));
    joiner.protocol().bootstrap();
    net.run(Duration.ofSeconds(30));
    List<SimNode> later = nodesBehindTheBootnode();
    net.run(Duration.ofSeconds(30));
    assertThat(later).noneMatch(n -> joiner.protocol().table().get(n.id()).isPresent());

    net.run(interval);

    assertThat(later).allMatch(n -> joiner.protocol().table().get(n.id()).isPresent());
  }

  /** Nodes at log distance 256 from the bootnode, each in its table. */
  private List<SimNode> nodesBehindTheBootnode() {
    List<SimNode> behind = new ArrayList<>();
    for (int i = 0; i < BEHIND_BOOTNODE; i++) {
      SimNode n = net.addNode(keyAt(d -> d == 256), net.nextHonestIp(), b -> b);
      n.protocol().ping(boot.record());
      behind.add(n);
    }
    net.run(Duration.ofSeconds(1));
    assertThat(behind).allMatch(n -> boot.protocol().table().get(n.id()).isPresent());
    return behind;
  }

  private SimNode joiner(UnaryOperator<DiscoveryConfig.Builder> settings) {
    PrivateKey key = keyAt(d -> d <= JOINER_MAX_DISTANCE);
    return net.addNode(
        key, new InetSocketAddress(net.nextHonestIp(), SimNetwork.PORT), b -> b, settings);
  }

  /** A key from the network's seed whose id is at a log distance to the bootnode that passes. */
  private PrivateKey keyAt(IntPredicate distance) {
    while (true) {
      PrivateKey key = net.newKey();
      if (distance.test(NodeId.of(key.publicKey()).logDistance(boot.id()))) return key;
    }
  }
}
