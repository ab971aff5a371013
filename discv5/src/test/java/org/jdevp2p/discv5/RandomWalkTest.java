package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.Test;

/** The random-walk baseline: production lookups, filtered records. */
class RandomWalkTest {
  private static final String KEY = "svc";
  private static final Bytes MEMBER = RLP.encodeValue(Bytes.of(1));
  private static final Predicate<NodeRecord> IS_MEMBER =
      r -> r.get(KEY).filter(MEMBER::equals).isPresent();

  private static SimNetwork network(long seed, int nodes, int members) {
    SimNetwork net = new SimNetwork(SimNetwork.Options.defaults(seed));
    for (int i = 0; i < nodes; i++) {
      boolean member = i > 0 && i <= members;
      net.addNode(b -> member ? b.set(KEY, MEMBER) : b);
    }
    net.fillTables(NodeTable.BUCKET_SIZE);
    return net;
  }

  @Test
  void aWalkStopsOnceItFoundEnoughMembers() {
    SimNetwork net = network(11, 400, 80);
    CompletableFuture<RandomWalk.Result> walk =
        RandomWalk.start(net, net.nodes().getFirst(), IS_MEMBER, 30, 1_000);

    net.run(Duration.ofMinutes(5));

    assertThat(walk).isCompleted();
    assertThat(walk.join().found()).isGreaterThanOrEqualTo(30);
    assertThat(walk.join().lookups()).isLessThan(1_000);
    assertThat(walk.join().messages()).isPositive();
  }

  @Test
  void aWalkForAnAbsentServiceSpendsItsWholeLookupBudget() {
    SimNetwork net = network(12, 200, 0);
    CompletableFuture<RandomWalk.Result> walk =
        RandomWalk.start(net, net.nodes().getFirst(), IS_MEMBER, 30, 5);

    net.run(Duration.ofMinutes(5));

    assertThat(walk.join()).extracting(RandomWalk.Result::found).isEqualTo(0);
    assertThat(walk.join().lookups()).isEqualTo(5);
  }
}
