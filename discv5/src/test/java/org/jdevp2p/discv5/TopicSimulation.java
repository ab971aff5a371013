package org.jdevp2p.discv5;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.discv5.topic.Registrar;
import org.jdevp2p.discv5.topic.RegistrarConfig;
import org.jdevp2p.discv5.topic.Topic;
import org.jdevp2p.discv5.topic.Topics;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * The topic discovery simulation of topics.md §10, run by {@code scripts/topic-sim.sh}: N nodes, T
 * topics with Zipf(1.0) popularity (node in topic k with probability ∝ 1/k), and the random-walk
 * baseline searching the same topics. Prints the figures docs/topics.md quotes.
 *
 * <p>Arguments, all optional, as {@code name=value}: {@code nodes} (5000), {@code topics} (300),
 * {@code minutes} (60), {@code seed} (1), {@code tickMs} (500), {@code walks} (100: baseline
 * searchers), {@code walkLookups} (100: lookups one walk may run), {@code attack} (0: the Sybils'
 * share), {@code attackBase} ({@code topic} or {@code network}), {@code attackStart} ({@code first}
 * or {@code spread}: the Sybils' first REGTOPICs), {@code target} (1: the attacked topic's k),
 * {@code sybilsPerIp} (5), {@code groundBits} (0), {@code capacity} (1000); see {@link Params}.
 */
final class TopicSimulation {
  /**
   * The simulation's own ENR entry naming a node's topic, so that the random-walk baseline can
   * filter records for it (the paper's DISCv4 baseline filters the same way). Not a real key.
   */
  static final String TOPIC_KEY = "sim-topic";

  /** Advertisers a search (and a walk) looks for: the spec's F_lookup. */
  static final int WANTED = 30;

  /**
   * What to simulate.
   *
   * @param attack the Sybils' share of the participants, 0 for none: Sybils = attack / (1 − attack)
   *     × the honest participants {@code attackBase} names
   * @param attackBase whose participants: the target topic's or the whole network's
   * @param target k of the attacked topic t_k
   * @param sybilsPerIp Sybils behind one IP address
   * @param groundBits leading bits Sybil ids share with the target topic's id (0: uniform ids)
   * @param capacity every registrar's ad cache size C
   */
  record Params(
      int nodes,
      int topics,
      Duration duration,
      long seed,
      Duration tick,
      int walks,
      int walkLookups,
      double attack,
      AttackBase attackBase,
      AttackStart attackStart,
      int target,
      int sybilsPerIp,
      int groundBits,
      int capacity) {

    /** Honest nodes only, registrars of capacity C. */
    Params(int nodes, int topics, Duration duration, long seed, int walks, int capacity) {
      this(
          nodes,
          topics,
          duration,
          seed,
          Duration.ofMillis(500),
          walks,
          100,
          0,
          AttackBase.TOPIC,
          AttackStart.FIRST,
          1,
          1,
          0,
          capacity);
    }

    static Params parse(String[] args) {
      SimArgs a = new SimArgs(args);
      Params p =
          new Params(
              a.integer("nodes", 5000),
              a.integer("topics", 300),
              Duration.ofMinutes(a.longInteger("minutes", 60)),
              a.longInteger("seed", 1),
              Duration.ofMillis(a.longInteger("tickMs", 500)),
              a.integer("walks", 100),
              a.integer("walkLookups", 100),
              a.real("attack", 0),
              a.constant("attackBase", AttackBase.class, AttackBase.TOPIC),
              a.constant("attackStart", AttackStart.class, AttackStart.FIRST),
              a.integer("target", 1),
              a.integer("sybilsPerIp", 5),
              a.integer("groundBits", 0),
              a.integer("capacity", Registrar.DEFAULT_CAPACITY));
      a.done();
      if (p.target() < 1 || p.target() > p.topics()) {
        throw new IllegalArgumentException("target must be 1.." + p.topics());
      }
      return p;
    }
  }

  /**
   * What the Sybils' share is a share of. The paper's Figure 19 text: "the number of malicious
   * nodes is expressed as a percentage of the total number of system participants"; its parameter
   * list: "related to the total number of nodes participating in the topic".
   */
  enum AttackBase {
    /** Sybils = f / (1 − f) × the target topic's honest members. */
    TOPIC,
    /** Sybils = f / (1 − f) × all honest nodes. */
    NETWORK
  }

  /**
   * When the Sybils start advertising. The paper does not say; whoever registers a topic first at
   * an empty cache is admitted at once, and the next ad of that topic then waits about E, so the
   * choice decides who holds the topic's slots during the first ad lifetime.
   */
  enum AttackStart {
    /** All Sybils at second 0, ahead of the honest advertisers (the attacker's best case). */
    FIRST,
    /** Each Sybil at a uniform random moment of the first minute, as the honest advertisers. */
    SPREAD
  }

  /**
   * Advertisers start within this much of the simulation's start (each at a uniform random time),
   * so the network does not begin with every node sending its first REGTOPICs in one instant.
   */
  static final Duration REGISTRATION_SPREAD = Duration.ofMinutes(1);

  /**
   * Searches start no later than this before the end, so each finishes within the run (a search
   * takes seconds of virtual time).
   */
  static final Duration SEARCH_MARGIN = Duration.ofMinutes(1);

  /**
   * The service table buckets farthest from the topic, where a search starts (K_lookup queries per
   * bucket, farthest first): the attack report gives the Sybils' share there.
   */
  static final int FAR_BUCKETS = 3;

  /** The paper reports searches after its 15-minute warm-up (one ad lifetime) separately. */
  static final Duration WARM_UP = Duration.ofMinutes(15);

  /**
   * One node's search.
   *
   * @param messages TOPICQUERY sent plus their answers received (TOPICNODES and NODES)
   */
  record Search(int node, int topic, long startedMillis, List<NodeRecord> found, long messages) {}

  private final Params params;
  private final SimNetwork net;
  private final AdLedger ledger;
  private final int[] topicOf; // per node index: its topic, 1..T
  private final int[] members; // per topic: its member count
  private final List<Search> searches = new ArrayList<>();
  private Sybils sybils;

  TopicSimulation(Params params) {
    this(params, net -> {});
  }

  /** {@code extraNodes} adds nodes of a scenario's own (attackers) before the tables are filled. */
  TopicSimulation(Params params, Consumer<SimNetwork> extraNodes) {
    this.params = params;
    SimNetwork.Options o = SimNetwork.Options.defaults(params.seed());
    this.net =
        new SimNetwork(
            new SimNetwork.Options(
                o.seed(),
                o.latency(),
                0,
                params.tick(),
                o.revalidation(),
                RegistrarConfig.DEFAULT.withCapacity(params.capacity())));
    this.ledger = new AdLedger(net.clock(), WARM_UP);
    net.observe(ledger);
    this.topicOf = new int[params.nodes()];
    this.members = new int[params.topics() + 1];
    double[] cumulative = zipfCumulative(params.topics());
    for (int i = 0; i < params.nodes(); i++) {
      int k = 1 + Math.abs(Arrays.binarySearch(cumulative, net.random().nextDouble()) + 1);
      k = Math.min(k, params.topics());
      topicOf[i] = k;
      members[k]++;
      int topic = k;
      net.addNode(b -> b.set(TOPIC_KEY, RLP.encodeInt(topic)));
    }
    extraNodes.accept(net);
    if (params.attack() > 0) {
      int base =
          switch (params.attackBase()) {
            case TOPIC -> members[params.target()];
            case NETWORK -> params.nodes();
          };
      int count = (int) Math.round(params.attack() / (1 - params.attack()) * base);
      sybils =
          new Sybils(net, topic(params.target()), count, params.sybilsPerIp(), params.groundBits());
    }
    net.fillTables(NodeTable.BUCKET_SIZE);
  }

  SimNetwork network() {
    return net;
  }

  /** Sybils added against the target topic; 0 without an attack. */
  int sybilCount() {
    return sybils == null ? 0 : sybils.size();
  }

  /** The honest members of topic k. */
  int members(int k) {
    return members[k];
  }

  AdLedger ledger() {
    return ledger;
  }

  /** The topic of the honest node with this index. */
  int topicOf(int node) {
    return topicOf[node];
  }

  List<Search> searches() {
    return List.copyOf(searches);
  }

  static Topic topic(int k) {
    return Topic.of(topicName(k));
  }

  /** Every node advertises its topic from a uniform random time within the first minute. */
  void startRegistrations() {
    for (int i = 0; i < params.nodes(); i++) {
      SimNode node = net.nodes().get(i);
      Topic topic = topic(topicOf[i]);
      net.clock()
          .schedule(
              Duration.ofMillis(net.random().nextLong(REGISTRATION_SPREAD.toMillis())),
              () -> node.registerTopic(topic));
    }
  }

  /** Every node searches its topic once, at a uniform random time of the run. */
  void startSearches() {
    long latest = params.duration().minus(SEARCH_MARGIN).toMillis();
    for (int i = 0; i < params.nodes(); i++) {
      int index = i;
      net.clock().schedule(Duration.ofMillis(net.random().nextLong(latest)), () -> search(index));
    }
  }

  private void search(int index) {
    SimNode node = net.nodes().get(index);
    long started = net.clock().elapsed().toMillis();
    long before = searchMessages(node);
    node.searchTopic(topic(topicOf[index]), WANTED)
        .whenComplete(
            (found, e) ->
                searches.add(
                    new Search(
                        index,
                        topicOf[index],
                        started,
                        found == null ? List.of() : found,
                        searchMessages(node) - before)));
  }

  private static long searchMessages(SimNode node) {
    return node.sent(Message.TopicQuery.TYPE) + node.answersTo(Message.TopicQuery.TYPE);
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
    startRegistrations();
    if (sybils != null) {
      sybils.attack(
          net.clock(),
          params.attackStart() == AttackStart.SPREAD ? REGISTRATION_SPREAD : Duration.ZERO);
    }
    startSearches();
    List<CompletableFuture<RandomWalk.Result>> walks = startWalks();
    net.run(params.duration());
    double wall = (System.nanoTime() - start) / 1e9;
    print("params", params);
    print("wall seconds of the run", String.format(Locale.ROOT, "%.1f", wall));
    print("events", net.clock().eventsRun());
    print(
        "members of topics t1, t2, t10, t100",
        members[1]
            + ", "
            + members[2]
            + ", "
            + members[Math.min(10, params.topics())]
            + ", "
            + members[Math.min(100, params.topics())]);
    reportLoad();
    reportSearches();
    reportRegistrations();
    reportWalks(walks);
    if (sybils != null) reportAttack();
  }

  /**
   * Searches of the target topic by honest nodes: what share of their results are Sybils, how many
   * see only Sybils (the paper's eclipsed lookup), and how fast the Sybils' ids were ground.
   */
  private void reportAttack() {
    int k = params.target();
    print(
        "sybils",
        String.format(
            Locale.ROOT,
            "%d against %d honest members of t%d (%d honest nodes), %d per bucket each",
            sybils.size(),
            members[k],
            k,
            params.nodes(),
            Sybils.ADVERTISER.registrationsPerBucket()));
    if (params.groundBits() > 0) {
      double seconds = sybils.grindTime().toNanos() / 1e9;
      print(
          "id grinding",
          String.format(
              Locale.ROOT,
              "%d keys in %.1f s: %.0f keys/s",
              sybils.grindTries(),
              seconds,
              sybils.grindTries() / seconds));
    }
    reportSybilReach(k);
    // All searches; after one ad lifetime (topics.md §10); after two, as in the paper's simulator,
    // which starts every lookup at 2E + U[0, E) (datahop/p2p-service-discovery, ZipfReader).
    for (long from : new long[] {0, WARM_UP.toMillis(), 2 * WARM_UP.toMillis()}) {
      List<Search> target =
          searches.stream().filter(s -> s.topic() == k && s.startedMillis() >= from).toList();
      long results = target.stream().mapToLong(s -> s.found().size()).sum();
      long malicious =
          target.stream()
              .flatMap(s -> s.found().stream())
              .filter(r -> sybils.isSybil(r.nodeId()))
              .count();
      long eclipsed =
          target.stream()
              .filter(s -> !s.found().isEmpty())
              .filter(s -> s.found().stream().allMatch(r -> sybils.isSybil(r.nodeId())))
              .count();
      long empty = target.stream().filter(s -> s.found().isEmpty()).count();
      print(
          "t" + k + " searches from minute " + from / 60_000,
          String.format(
              Locale.ROOT,
              "%d searches, %.1f%% of results Sybil, %.1f%% eclipsed (only Sybils), %d empty",
              target.size(),
              100.0 * malicious / Math.max(1, results),
              100.0 * eclipsed / Math.max(1, target.size()),
              empty));
    }
  }

  /**
   * Where a search meets the Sybils, at the end of the run: among the registrars in the service
   * tables of the target's honest members (a search queries the farthest buckets first), and among
   * the target's ads that honest registrars hold (what they answer a TOPICQUERY with).
   */
  private void reportSybilReach(int k) {
    Bytes32 topicId = topic(k).id();
    long[] entries = new long[2]; // [all, Sybil], all buckets
    long[] far = new long[2]; // the same, the buckets a search starts at
    for (int i = 0; i < params.nodes(); i++) {
      if (topicOf[i] != k) continue;
      Topics t = net.nodes().get(i).protocol().topics().orElseThrow().topics();
      for (int d = 1; d <= NodeTable.BUCKETS; d++) {
        for (NodeRecord r : t.tableNodes(topicId, d)) {
          int sybil = sybils.isSybil(r.nodeId()) ? 1 : 0;
          entries[0]++;
          entries[1] += sybil;
          if (d > NodeTable.BUCKETS - FAR_BUCKETS) {
            far[0]++;
            far[1] += sybil;
          }
        }
      }
    }
    long ads = 0;
    long sybilAds = 0;
    for (AdLedger.Ad ad : ledger.liveAds()) {
      if (!ad.topic().equals(topicId) || sybils.isSybil(ad.registrar())) continue;
      ads++;
      if (sybils.isSybil(ad.advertiser())) sybilAds++;
    }
    print(
        "t" + k + " members' service tables at the end",
        String.format(
            Locale.ROOT,
            "%.1f%% Sybil of %d entries; in the %d farthest buckets %.1f%% of %d",
            100.0 * entries[1] / Math.max(1, entries[0]),
            entries[0],
            FAR_BUCKETS,
            100.0 * far[1] / Math.max(1, far[0]),
            far[0]));
    print(
        "t" + k + " ads live at honest registrars at the end",
        String.format(
            Locale.ROOT, "%d, %.1f%% of them Sybil", ads, 100.0 * sybilAds / Math.max(1, ads)));
  }

  private void reportLoad() {
    print("messages received per node", received(n -> n.receivedTotal()));
    for (int type = Message.Ping.TYPE; type <= Message.TopicNodes.TYPE; type++) {
      int t = type;
      print(String.format(Locale.ROOT, "  type 0x%02x", t), received(n -> n.received(t)));
    }
  }

  private Distribution received(ToLongFunction<SimNode> count) {
    return Distribution.of(net.nodes().stream().mapToLong(count).toArray());
  }

  private void reportSearches() {
    long late = WARM_UP.toMillis();
    print("searches finished", searches.size() + " of " + params.nodes());
    print("peers found per search", found(s -> true));
    print("  after 15 min", found(s -> s.startedMillis() >= late));
    print("  topics with >= 30 members", found(s -> members[s.topic()] >= WANTED));
    print(
        "  same, after 15 min",
        found(s -> members[s.topic()] >= WANTED && s.startedMillis() >= late));
    print(
        "messages per search (TOPICQUERY + answers)",
        Distribution.of(searches.stream().mapToLong(Search::messages).toArray()));
    long wrong = 0;
    Map<NodeId, Integer> timesFound = new HashMap<>();
    for (Search s : searches) {
      for (NodeRecord r : s.found()) {
        if (!inTopic(s.topic()).test(r) && (sybils == null || !sybils.isSybil(r.nodeId()))) {
          wrong++;
        }
        timesFound.merge(r.nodeId(), 1, Integer::sum);
      }
    }
    print("results not advertising the searched topic", wrong);
    // Evenness: how often each advertiser of a topic was found, against the searches of that topic
    // that could have found it (every member of a topic searches it once).
    for (int k : new int[] {1, 2, 10}) {
      if (k > params.topics()) continue;
      List<Long> counts = new ArrayList<>();
      for (int i = 0; i < params.nodes(); i++) {
        if (topicOf[i] == k) counts.add((long) timesFound.getOrDefault(net.nodes().get(i).id(), 0));
      }
      print(
          "times each advertiser of t" + k + " was found (" + members[k] + " searches)",
          Distribution.of(counts.stream().mapToLong(Long::longValue).toArray()));
    }
  }

  private Distribution found(Predicate<Search> which) {
    return Distribution.of(
        searches.stream().filter(which).mapToLong(s -> s.found().size()).toArray());
  }

  private void reportRegistrations() {
    List<AdLedger.Ad> live = ledger.liveAds();
    Map<NodeId, Integer> perRegistrar = new HashMap<>();
    live.forEach(a -> perRegistrar.merge(a.registrar(), 1, Integer::sum));
    long[] fill = new long[params.nodes()];
    for (int i = 0; i < params.nodes(); i++) {
      fill[i] = perRegistrar.getOrDefault(net.nodes().get(i).id(), 0);
    }
    print("ads admitted", ledger.admissions());
    print("ads per registrar at the end", Distribution.of(fill));
    print("most ads one registrar held", ledger.maxLiveAtOneRegistrar());
    print("second ads for one advertiser and topic at one registrar", ledger.violations().size());
    int least = params.topics();
    while (least > 1 && members[least] == 0) least--;
    for (int k : new int[] {1, 2, 10, 100, least}) {
      if (k > params.topics()) continue;
      long[] waits = ledger.waits(topic(k).id());
      double meanE =
          Arrays.stream(waits).average().orElse(0) / Registrar.DEFAULT_AD_LIFETIME.toMillis();
      print(
          "t" + k + " (" + members[k] + " members): registration wait in E",
          String.format(Locale.ROOT, "mean %.3f over %d admissions", meanE, waits.length));
    }
    // Registration fairness (paper §7.2, Figure 8: 1.6x for a 100x more popular topic). The
    // paper's model counts a registrar's whole cache, every topic, so that comes first; then the
    // topic's own ads and REGTOPICs there.
    for (int nearest : new int[] {1, 5}) {
      String which = " at the " + nearest + " registrar(s) nearest to t1 vs t" + least;
      print(
          "whole load (ads held after 15 min, all topics)" + which,
          RegistrarLoad.nearest(net, ledger, topic(1).id(), nearest)
              .against(RegistrarLoad.nearest(net, ledger, topic(least).id(), nearest)));
      for (boolean ads : new boolean[] {false, true}) {
        double most = ownLoad(1, nearest, ads);
        double fewest = ownLoad(least, nearest, ads);
        print(
            "the topic's own " + (ads ? "ads admitted" : "REGTOPICs") + which,
            String.format(Locale.ROOT, "%.1f vs %.1f: ratio %.2f", most, fewest, most / fewest));
      }
    }
  }

  /**
   * Mean REGTOPICs (or ads admitted) for topic k alone at the {@code n} nodes nearest to its id.
   */
  private double ownLoad(int k, int n, boolean ads) {
    Bytes32 topic = topic(k).id();
    return RegistrarLoad.nearestIds(net, topic, n).stream()
        .mapToInt(r -> ads ? ledger.admissions(r, topic) : ledger.regTopics(r, topic))
        .average()
        .orElse(0);
  }

  private void reportWalks(List<CompletableFuture<RandomWalk.Result>> walks) {
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
