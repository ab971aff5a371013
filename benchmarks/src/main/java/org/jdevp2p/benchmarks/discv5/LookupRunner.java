package org.jdevp2p.benchmarks.discv5;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.discv5.Metrics;
import org.jdevp2p.discv5.PacketKind;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * Lookup time and messages in a local network of our nodes in one process: starts {@code nodes}
 * nodes on 127.0.0.1 that know only the first one, lets their tables fill, then runs {@code
 * lookups} lookups one after another, each from a random node toward a random target, and prints
 * the time each took, the packets its node sent and received, and how often the result held the
 * node truly closest to the target.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.jdevp2p.benchmarks.discv5.LookupRunner
 *     [nodes=300] [lookups=200]</pre>
 */
public final class LookupRunner {
  /** Default network size: "a few hundred" nodes, one event-loop thread each. */
  static final int DEFAULT_NODES = 300;

  static final int DEFAULT_LOOKUPS = 200;

  /**
   * Nodes started per second. Each new node handshakes with the bootnode, which accepts 100
   * unsolicited packets a second from one IP by default (DiscoveryConfig); starting faster would
   * measure that limit.
   */
  static final int STARTS_PER_SECOND = 50;

  /** Tables count as settled when their total size has not grown for this long. */
  static final Duration SETTLED_AFTER = Duration.ofSeconds(5);

  /** Give up waiting for tables to settle after this long and measure anyway. */
  static final Duration SETTLE_LIMIT = Duration.ofSeconds(120);

  private LookupRunner() {}

  public static void main(String[] args) throws InterruptedException {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_NODES;
    int lookups = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_LOOKUPS;
    List<Discovery> network = new ArrayList<>();
    try {
      startNetwork(network, nodes);
      settle(network);
      measure(network, lookups, new Random());
    } finally {
      network.forEach(Discovery::close);
    }
  }

  private static void startNetwork(List<Discovery> network, int nodes) throws InterruptedException {
    Discovery boot = Discovery.start(DiscoveryConfig.builder(PrivateKey.random()).build());
    network.add(boot);
    List<NodeRecord> bootnodes = List.of(boot.localRecord());
    long started = System.nanoTime();
    for (int i = 1; i < nodes; i++) {
      if (i % STARTS_PER_SECOND == 0) {
        TimeUnit.SECONDS.sleep(1);
      }
      network.add(
          Discovery.start(
              DiscoveryConfig.builder(PrivateKey.random()).bootnodes(bootnodes).build()));
    }
    System.out.printf("started %d nodes in %.1f s%n", nodes, (System.nanoTime() - started) / 1e9);
  }

  private static void settle(List<Discovery> network) throws InterruptedException {
    long start = System.nanoTime();
    long lastGrowth = start;
    long total = -1;
    while (System.nanoTime() - start < SETTLE_LIMIT.toNanos()) {
      long now = network.stream().mapToLong(d -> d.metrics().tableSize()).sum();
      if (now > total) {
        total = now;
        lastGrowth = System.nanoTime();
      } else if (System.nanoTime() - lastGrowth > SETTLED_AFTER.toNanos()) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    System.out.printf(
        "tables settled after %.1f s: %.1f nodes per table on average%n",
        (System.nanoTime() - start) / 1e9, (double) total / network.size());
  }

  private static void measure(List<Discovery> network, int lookups, Random random) {
    double[] millis = new double[lookups];
    long[] sent = new long[lookups];
    long[] received = new long[lookups];
    int foundClosest = 0;
    int failed = 0;
    for (int i = 0; i < lookups; i++) {
      Discovery node = network.get(random.nextInt(network.size()));
      NodeId target = new NodeId(Bytes32.random(random));
      long out = packets(node.metrics(), true);
      long in = packets(node.metrics(), false);
      long t0 = System.nanoTime();
      List<NodeRecord> result;
      try {
        result = node.lookup(target).join();
      } catch (RuntimeException e) {
        failed++;
        result = List.of();
      }
      millis[i] = (System.nanoTime() - t0) / 1e6;
      sent[i] = packets(node.metrics(), true) - out;
      received[i] = packets(node.metrics(), false) - in;
      NodeId closest = closestOtherThan(network, node, target);
      if (result.stream().anyMatch(r -> r.nodeId().equals(closest))) {
        foundClosest++;
      }
    }
    Arrays.sort(millis);
    System.out.printf(
        "%d lookups in a network of %d nodes (%d failed):%n"
            + "  time ms: median %.1f, p90 %.1f, max %.1f%n"
            + "  packets sent per lookup: mean %.1f; received: mean %.1f%n"
            + "  result held the truly closest node: %d of %d%n",
        lookups,
        network.size(),
        failed,
        millis[lookups / 2],
        millis[lookups * 9 / 10],
        millis[lookups - 1],
        Arrays.stream(sent).average().orElse(0),
        Arrays.stream(received).average().orElse(0),
        foundClosest,
        lookups);
  }

  private static long packets(Metrics m, boolean out) {
    long sum = 0;
    for (PacketKind kind : PacketKind.values()) {
      sum += out ? m.packetsOut(kind) : m.packetsIn(kind);
    }
    return sum;
  }

  private static NodeId closestOtherThan(List<Discovery> network, Discovery self, NodeId target) {
    return network.stream()
        .filter(d -> d != self)
        .map(Discovery::localId)
        .min(target::compareDistance)
        .orElseThrow();
  }
}
