package org.jdevp2p.discv5;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.discv5.topic.RegistrarConfig;
import org.jdevp2p.discv5.topic.Topic;
import org.jdevp2p.node.NodeId;

/**
 * The scenario of the paper's fairness figure (§7.2, Figure 8) on the production code: topics A and
 * B on opposite sides of the key space (their ids differ in the top bit), N_a advertisers of A and
 * N_b of B, N_x background advertisers each of a topic of its own, the other nodes registrars only.
 * No searches: the figure is about registration. Prints the whole load of the registrar(s) nearest
 * to A against those nearest to B, the advertisers that asked them, and {@link FairnessModel}'s
 * ratio for the same parameters.
 *
 * <p>Arguments ({@code name=value}): {@code nodes} (2000), {@code advertisers} (1200: N_a + N_b),
 * {@code ratio} (10: N_a/N_b), {@code background} (400: N_x), {@code minutes} (30), {@code
 * heldFrom} (15: minute from which ads held are averaged; a registrar near a popular topic needs
 * several cycles of wait plus lifetime, over 2 E each, to reach the model's steady state), {@code
 * seed} (1), {@code tickMs} (500), {@code capacity} (1000: every registrar's C). Run by {@code
 * MAIN=FairnessSimulation scripts/topic-sim.sh}.
 */
final class FairnessSimulation {

  /**
   * Registrations an advertiser keeps per bucket, the spec's K_register ({@code
   * Advertiser.K_REGISTER}): the model's share of a far topic's advertisers that reach a registrar.
   */
  static final int K_REGISTER = 5;

  /** Registrars averaged per side besides the single nearest: the model's registrar A is one. */
  static final int NEAREST = 5;

  private final SimNetwork net;
  private final AdLedger ledger;
  private final Topic a = Topic.of("a1");
  private final Topic b = opposite(a);
  private final List<Topic> background = new ArrayList<>();
  private final List<Runnable> registrations = new ArrayList<>();

  private final int nodes;
  private final int advertisers;
  private final double ratio;
  private final int capacity;
  private final Duration duration;
  private final Duration heldFrom;

  FairnessSimulation(
      int nodes,
      int advertisers,
      double ratio,
      int backgroundCount,
      Duration duration,
      Duration heldFrom,
      long seed,
      Duration tick,
      int capacity) {
    this.nodes = nodes;
    this.advertisers = advertisers;
    this.ratio = ratio;
    this.capacity = capacity;
    this.duration = duration;
    this.heldFrom = heldFrom;
    if (advertisers + backgroundCount > nodes) {
      throw new IllegalArgumentException("more advertisers than nodes");
    }
    SimNetwork.Options o = SimNetwork.Options.defaults(seed);
    this.net =
        new SimNetwork(
            new SimNetwork.Options(
                seed,
                o.latency(),
                0,
                tick,
                o.revalidation(),
                RegistrarConfig.DEFAULT.withCapacity(capacity)));
    this.ledger = new AdLedger(net.clock(), heldFrom);
    net.observe(ledger);
    long na = Math.round(advertisers * ratio / (ratio + 1));
    for (int i = 0; i < nodes; i++) {
      SimNode node = net.addNode(r -> r);
      if (i >= advertisers + backgroundCount) continue; // a registrar only
      Topic topic = i < na ? a : i < advertisers ? b : Topic.of("x" + (i - advertisers + 1));
      if (i >= advertisers) background.add(topic);
      registrations.add(() -> node.registerTopic(topic));
    }
    net.fillTables(NodeTable.BUCKET_SIZE);
  }

  /** The first topic "b&lt;i&gt;" whose id differs from {@code a}'s in the top bit. */
  static Topic opposite(Topic a) {
    for (int i = 1; ; i++) {
      Topic b = Topic.of("b" + i);
      if (((a.id().get(0) ^ b.id().get(0)) & 0x80) != 0) return b;
    }
  }

  void run() {
    long start = System.nanoTime();
    for (Runnable r : registrations) {
      net.clock()
          .schedule(
              Duration.ofMillis(
                  net.random().nextLong(TopicSimulation.REGISTRATION_SPREAD.toMillis())),
              r);
    }
    net.run(duration);
    double wall = (System.nanoTime() - start) / 1e9;
    long na = Math.round(advertisers * ratio / (ratio + 1));
    print(
        "params",
        String.format(
            Locale.ROOT,
            "nodes=%d advertisers=%d (A %s: %d, B %s: %d) background=%d minutes=%d heldFrom=%d"
                + " capacity=%d",
            nodes,
            advertisers,
            a.name(),
            na,
            b.name(),
            advertisers - na,
            background.size(),
            duration.toMinutes(),
            heldFrom.toMinutes(),
            capacity));
    print("wall seconds of the run", String.format(Locale.ROOT, "%.1f", wall));
    print("events", net.clock().eventsRun());
    print("ads admitted", ledger.admissions());
    print("second ads for one advertiser and topic at one registrar", ledger.violations().size());
    for (int n : new int[] {1, NEAREST}) {
      print(
          "whole load at the " + n + " registrar(s) nearest to A vs B",
          RegistrarLoad.nearest(net, ledger, a.id(), n)
              .against(RegistrarLoad.nearest(net, ledger, b.id(), n)));
    }
    double[] atA = requesters(a.id());
    double[] atB = requesters(b.id());
    print("advertisers of A, B, background that asked registrar A", format(atA));
    print("advertisers of A, B, background that asked registrar B", format(atB));
    FairnessModel.Constants k = FairnessModel.Constants.spec(capacity);
    FairnessModel.Scenario model =
        new FairnessModel.Scenario(nodes, advertisers, (atA[2] + atB[2]) / 2, K_REGISTER);
    print(
        "model, paper's requesters (N_x = the mean background asking A and B)",
        String.format(
            Locale.ROOT,
            "d(A) %.1f, d(B) %.1f: ratio %.2f; fixed wait %.2f",
            FairnessModel.solve(model.atA(ratio), k).total(),
            FairnessModel.solve(model.atB(ratio), k).total(),
            model.loadRatio(ratio, k),
            model.fixedWaitRatio(ratio)));
    print("model, the requesters measured above", modelRatio(atA, atB, k));
    print(
        "the same, each background advertiser a topic of its own (as simulated)",
        modelRatio(separateBackground(atA), separateBackground(atB), k));
  }

  private static String modelRatio(double[] atA, double[] atB, FairnessModel.Constants k) {
    double dA = FairnessModel.solve(atA, k).total();
    double dB = FairnessModel.solve(atB, k).total();
    return String.format(Locale.ROOT, "d(A) %.1f, d(B) %.1f: ratio %.2f", dA, dB, dA / dB);
  }

  /**
   * Requesters {x_a, x_b, x_x} as x_a, x_b and x_x topics of one requester each: the model's
   * background is one topic X whose share d_x/d lengthens its waits; ours are many small topics.
   */
  private static double[] separateBackground(double[] x) {
    double[] out = new double[2 + (int) x[2]];
    Arrays.fill(out, 1);
    out[0] = x[0];
    out[1] = x[1];
    return out;
  }

  /**
   * Distinct advertisers of A, of B and of the background topics that sent a REGTOPIC to the
   * registrar nearest to {@code topic}: the x_a, x_b, x_x of the model.
   */
  private double[] requesters(Bytes32 topic) {
    NodeId registrar = RegistrarLoad.nearestIds(net, topic, 1).get(0);
    double x = 0;
    for (Topic t : background) x += ledger.requesters(registrar, t.id());
    return new double[] {
      ledger.requesters(registrar, a.id()), ledger.requesters(registrar, b.id()), x
    };
  }

  private static String format(double[] x) {
    return String.format(Locale.ROOT, "%.0f, %.0f, %.0f", x[0], x[1], x[2]);
  }

  private static void print(String what, Object value) {
    System.out.println(what + ": " + value);
  }

  public static void main(String[] args) {
    SimArgs a = new SimArgs(args);
    FairnessSimulation sim =
        new FairnessSimulation(
            a.integer("nodes", 2000),
            a.integer("advertisers", 1200),
            a.real("ratio", 10),
            a.integer("background", 400),
            Duration.ofMinutes(a.integer("minutes", 30)),
            Duration.ofMinutes(a.integer("heldFrom", 15)),
            a.integer("seed", 1),
            Duration.ofMillis(a.integer("tickMs", 500)),
            a.integer("capacity", 1000));
    a.done();
    sim.run();
  }
}
