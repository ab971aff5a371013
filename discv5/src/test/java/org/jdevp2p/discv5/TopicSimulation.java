package org.jdevp2p.discv5;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.discv5.topic.TopicCapability;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.enr.NodeRecord;

/**
 * The topic discovery simulation of topics.md §10, run by {@code scripts/topic-sim.sh}: N nodes, T
 * topics with Zipf(1.0) popularity (node in topic k with probability ∝ 1/k), and the random-walk
 * baseline searching the same topics. Prints the figures docs/topics.md quotes.
 *
 * <p>Arguments, all optional, as {@code name=value}: {@code nodes} (5000), {@code topics} (300),
 * {@code minutes} (60), {@code seed} (1), {@code tickMs} (500), {@code walks} (100: baseline
 * searchers), {@code walkLookups} (100: lookups one walk may run).
 */
final class TopicSimulation {
  /**
   * The simulation's own ENR entry naming a node's topic, so that the random-walk baseline can
   * filter records for it (the paper's DISCv4 baseline filters the same way). Not a real key.
   */
  static final String TOPIC_KEY = "sim-topic";

  /** Advertisers a search (and a walk) looks for: the spec's F_lookup. */
  static final int WANTED = 30;

  record Params(
      int nodes,
      int topics,
      Duration duration,
      long seed,
      Duration tick,
      int walks,
      int walkLookups) {

    static Params parse(String[] args) {
      Params p = new Params(5000, 300, Duration.ofMinutes(60), 1, Duration.ofMillis(500), 100, 100);
      for (String arg : args) {
        String[] kv = arg.split("=", 2);
        if (kv.length != 2) throw new IllegalArgumentException("not name=value: " + arg);
        long v = Long.parseLong(kv[1]);
        p =
            switch (kv[0]) {
              case "nodes" -> p.with((int) v, p.topics, p.duration, p.seed, p.tick, p.walks);
              case "topics" -> p.with(p.nodes, (int) v, p.duration, p.seed, p.tick, p.walks);
              case "minutes" ->
                  p.with(p.nodes, p.topics, Duration.ofMinutes(v), p.seed, p.tick, p.walks);
              case "seed" -> p.with(p.nodes, p.topics, p.duration, v, p.tick, p.walks);
              case "tickMs" ->
                  p.with(p.nodes, p.topics, p.duration, p.seed, Duration.ofMillis(v), p.walks);
              case "walks" -> p.with(p.nodes, p.topics, p.duration, p.seed, p.tick, (int) v);
              case "walkLookups" ->
                  new Params(p.nodes, p.topics, p.duration, p.seed, p.tick, p.walks, (int) v);
              default -> throw new IllegalArgumentException("unknown argument " + kv[0]);
            };
      }
      return p;
    }

    private Params with(int n, int t, Duration d, long s, Duration tk, int w) {
      return new Params(n, t, d, s, tk, w, walkLookups);
    }
  }

  private final Params params;
  private final SimNetwork net;
  private final int[] topicOf; // per node index: its topic, 1..T
  private final int[] members; // per topic: its member count

  TopicSimulation(Params params) {
    this.params = params;
    SimNetwork.Options o = SimNetwork.Options.defaults(params.seed());
    this.net =
        new SimNetwork(
            new SimNetwork.Options(o.seed(), o.latency(), 0, params.tick(), o.revalidation()));
    this.topicOf = new int[params.nodes()];
    this.members = new int[params.topics() + 1];
    double[] cumulative = zipfCumulative(params.topics());
    for (int i = 0; i < params.nodes(); i++) {
      int k = 1 + Math.abs(Arrays.binarySearch(cumulative, net.random().nextDouble()) + 1);
      k = Math.min(k, params.topics());
      topicOf[i] = k;
      members[k]++;
      int topic = k;
      net.addNode(
          b ->
              b.set(TopicCapability.KEY, TopicCapability.VALUE)
                  .set(TOPIC_KEY, RLP.encodeInt(topic)));
    }
    net.fillTables(NodeTable.BUCKET_SIZE);
  }

  /** P(topic ≤ k) for k = 1..T, with P(k) ∝ 1/k. */
  static double[] zipfCumulative(int topics) {
    double[] c = new double[topics];
    double sum = 0;
    for (int k = 1; k <= topics; k++) sum += 1.0 / k;
    double acc = 0;
    for (int k = 1; k <= topics; k++) {
      acc += 1.0 / k / sum;
      c[k - 1] = acc;
    }
    return c;
  }

  static String topicName(int k) {
    return "t" + k;
  }

  static Predicate<NodeRecord> inTopic(int k) {
    Bytes value = RLP.encodeInt(k);
    return r -> r.get(TOPIC_KEY).filter(value::equals).isPresent();
  }

  /** The baseline: {@code walks} random nodes walk for their own topic at uniform random times. */
  List<CompletableFuture<RandomWalk.Result>> startWalks() {
    List<CompletableFuture<RandomWalk.Result>> walks = new ArrayList<>();
    for (int w = 0; w < params.walks(); w++) {
      int i = net.random().nextInt(params.nodes());
      SimNode node = net.nodes().get(i);
      CompletableFuture<RandomWalk.Result> result = new CompletableFuture<>();
      walks.add(result);
      net.clock()
          .schedule(
              Duration.ofMillis(net.random().nextLong(params.duration().toMillis() / 2)),
              () ->
                  RandomWalk.start(net, node, inTopic(topicOf[i]), WANTED, params.walkLookups())
                      .whenComplete((r, e) -> result.complete(r)));
    }
    return walks;
  }

  void run() {
    long start = System.nanoTime();
    List<CompletableFuture<RandomWalk.Result>> walks = startWalks();
    net.run(params.duration());
    double wall = (System.nanoTime() - start) / 1e9;
    print("params", params);
    print("wall seconds of the run", String.format(Locale.ROOT, "%.1f", wall));
    print("events", net.clock().eventsRun());
    print("largest topic members", members[1]);
    long[] received = net.nodes().stream().mapToLong(SimNode::receivedTotal).toArray();
    print("messages received per node", Distribution.of(received));
    for (int type = Message.Ping.TYPE; type <= Message.TalkResp.TYPE; type++) {
      int t = type;
      print(
          "  of type 0x0" + t,
          Distribution.of(net.nodes().stream().mapToLong(n -> n.received(t)).toArray()));
    }
    List<RandomWalk.Result> done =
        walks.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
    print("random walks finished", done.size() + " of " + walks.size());
    print(
        "random walk messages",
        Distribution.of(done.stream().mapToLong(RandomWalk.Result::messages).toArray()));
    print(
        "random walk members found",
        Distribution.of(done.stream().mapToLong(RandomWalk.Result::found).toArray()));
    print(
        "random walk lookups",
        Distribution.of(done.stream().mapToLong(RandomWalk.Result::lookups).toArray()));
  }

  private static void print(String what, Object value) {
    System.out.println(what + ": " + value);
  }

  public static void main(String[] args) {
    new TopicSimulation(Params.parse(args)).run();
  }
}
