package org.jdevp2p.discv5;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.InvalidKeyException;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.topic.RegistrarConfig;
import org.jdevp2p.discv5.topic.TopicCapability;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * An in-process discv5 network for simulations (topics.md §10): production {@link Protocol}s
 * talking through an in-memory transport with a fixed latency and optional loss, on one virtual
 * {@link SimClock}, with the handshake crypto switched off ({@link PlainCodec}). Nothing here opens
 * a socket: addresses are labels that route datagrams between the nodes of this network. Runs on
 * the caller's thread; the same seed gives the same run.
 */
final class SimNetwork {
  /** The UDP port of every simulated node: addresses differ by IP. */
  static final int PORT = 30303;

  /** Longs in a node id (32 bytes), for the flat id array {@link #fillTables} works on. */
  private static final int ID_LONGS = 4;

  /**
   * The first octets of honest nodes' IPv4 addresses: public unicast /8s, skipping {@link
   * #SKIPPED_OCTET} (127/8, loopback, is past the end; 10/8 before the start). Each node gets its
   * own /16 in them, 115 × 256 = 29,440 in all: room for the paper's 25,000 nodes.
   */
  static final int HONEST_FIRST_OCTET = 11;

  static final int HONEST_LAST_OCTET = 126;

  /**
   * 100/8 holds the shared address space 100.64/10 (RFC 6598), which a real node may treat apart.
   */
  static final int SKIPPED_OCTET = 100;

  /**
   * How the network behaves.
   *
   * @param seed every key, phase, loss and protocol choice follows from it
   * @param latency one-way delivery time of every datagram (topics.md §10: 100 ms)
   * @param loss the probability that a datagram is lost
   * @param tick how often each node runs {@link Protocol#tick()}. The real node ticks every 50 ms
   *     ({@link Discovery#TICK_MILLIS}); here 500 ms by default: still below geth's 700 ms response
   *     timeout, so a lost answer fails at most 500 ms late, while 5,000 nodes make 36 million tick
   *     events per simulated hour instead of 360 million. With 100 ms latency answers arrive within
   *     200 ms, so only lost packets ever wait for a tick.
   * @param revalidation each node's revalidation interval (geth: 3 s)
   * @param registrar each node's registrar settings (a small capacity fills caches quickly)
   */
  record Options(
      long seed,
      Duration latency,
      double loss,
      Duration tick,
      Duration revalidation,
      RegistrarConfig registrar) {
    static Options defaults(long seed) {
      return new Options(
          seed,
          Duration.ofMillis(100),
          0.0,
          Duration.ofMillis(500),
          DiscoveryConfig.DEFAULT_REVALIDATION_INTERVAL,
          RegistrarConfig.DEFAULT);
    }

    Options withLoss(double loss) {
      return new Options(seed, latency, loss, tick, revalidation, registrar);
    }
  }

  /** Sees the messages the nodes receive, before their protocol handles them. */
  interface Observer {
    /** Any message {@code at} received. */
    default void received(SimNode at, Message message) {}

    /** A response {@code at} received from {@code from} to a request it still remembers. */
    default void answered(SimNode at, SimNode from, Message request, Message response) {}
  }

  private final Options options;
  private Observer observer = new Observer() {};

  /** What the nodes call: the observer set now. */
  private final Observer toObserver =
      new Observer() {
        @Override
        public void received(SimNode at, Message message) {
          observer.received(at, message);
        }

        @Override
        public void answered(SimNode at, SimNode from, Message request, Message response) {
          observer.answered(at, from, request, response);
        }
      };

  private final SimClock clock = new SimClock();
  private final PlainCodec.Wire wire = new PlainCodec.Wire();
  private final SplittableRandom random;
  private final List<SimNode> nodes = new ArrayList<>();
  private final Map<InetSocketAddress, SimNode> byEndpoint = new HashMap<>();
  private int honestIps;

  SimNetwork(Options options) {
    this.options = options;
    this.random = new SplittableRandom(options.seed());
  }

  /** Replaces the observer of every node's messages. */
  void observe(Observer observer) {
    this.observer = observer;
  }

  SimClock clock() {
    return clock;
  }

  List<SimNode> nodes() {
    return Collections.unmodifiableList(nodes);
  }

  /** Datagrams sent and not yet delivered or lost. */
  int inFlight() {
    return wire.inFlight();
  }

  /** An IPv4 address in a /16 no other honest node of this network has. */
  Inet4Address nextHonestIp() {
    int i = honestIps++;
    int first = HONEST_FIRST_OCTET + i / 256;
    if (first >= SKIPPED_OCTET) first++;
    if (first > HONEST_LAST_OCTET) throw new IllegalStateException("out of honest /16s");
    return ipv4(first, i % 256, 1 + random.nextInt(254), 1 + random.nextInt(254));
  }

  static Inet4Address ipv4(int a, int b, int c, int d) {
    try {
      return (Inet4Address)
          InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A fresh random key (from the network's seed). */
  PrivateKey newKey() {
    while (true) {
      byte[] b = new byte[32];
      random.nextBytes(b);
      try {
        return PrivateKey.fromBytes(Bytes32.wrap(b));
      } catch (InvalidKeyException e) {
        // outside the curve order: astronomically rare, draw again
      }
    }
  }

  /** Adds a node with a fresh key at a fresh honest address. */
  SimNode addNode(UnaryOperator<NodeRecord.Builder> entries) {
    return addNode(newKey(), nextHonestIp(), entries);
  }

  /** Adds a node at {@code ip} and {@link #PORT}. */
  SimNode addNode(PrivateKey key, Inet4Address ip, UnaryOperator<NodeRecord.Builder> entries) {
    return addNode(key, new InetSocketAddress(ip, PORT), entries);
  }

  /**
   * Adds a node whose record (signed once, here) holds {@code endpoint}, the topic discovery
   * capability ({@link DiscoveryConfig#topics()} is on, as by default) and whatever {@code entries}
   * adds. It starts ticking at a random phase within one tick interval.
   */
  SimNode addNode(
      PrivateKey key, InetSocketAddress endpoint, UnaryOperator<NodeRecord.Builder> entries) {
    return addNode(key, endpoint, entries, c -> c);
  }

  /** The same, with settings of this node's own on top of the network's ({@code settings}). */
  SimNode addNode(
      PrivateKey key,
      InetSocketAddress endpoint,
      UnaryOperator<NodeRecord.Builder> entries,
      UnaryOperator<DiscoveryConfig.Builder> settings) {
    Inet4Address ip = (Inet4Address) endpoint.getAddress();
    if (byEndpoint.containsKey(endpoint)) throw new IllegalArgumentException("taken: " + endpoint);
    DiscoveryConfig config =
        settings
            .apply(
                DiscoveryConfig.builder(key)
                    .bind4(endpoint) // never bound: the simulation has no sockets
                    .enrIp4(ip)
                    .pinEndpoint4(true)
                    .revalidationInterval(options.revalidation())
                    .registrar(options.registrar())
                    .clock(clock))
            .build();
    NodeRecord.Builder b = NodeRecord.builder().seq(1).ip(ip).udp(endpoint.getPort());
    b.set(TopicCapability.KEY, TopicCapability.VALUE);
    NodeRecord record = entries.apply(b).sign(key);
    LocalNode local =
        new LocalNode(key, record, config.addressVoteMinStatements(), true, false, clock);
    SimNode node = new SimNode(local, endpoint, toObserver, clock);
    PlainCodec codec = new PlainCodec(local, wire, config.sessionCacheSize());
    Transport transport = new Transport(node);
    node.attach(
        new Protocol(
            config,
            local,
            codec,
            transport,
            new Counters(),
            new TableListener() {},
            node::learned,
            () -> false,
            random.split()),
        codec,
        transport);
    nodes.add(node);
    byEndpoint.put(endpoint, node);
    clock.every(
        Duration.ofMillis(random.nextLong(options.tick().toMillis())),
        options.tick(),
        node.protocol()::tick);
    return node;
  }

  /**
   * Fills every node's table as if it had run for a while (topics.md §10): up to {@code perBucket}
   * random other nodes in each bucket, through the table's own checks (IP limits). Each node walks
   * all others in a fresh random order, so this is quadratic: the ids sit in one flat array and the
   * order is an array of indices, which keeps 25,000 nodes (625 M pairs) to seconds.
   */
  void fillTables(int perBucket) {
    int n = nodes.size();
    long[] ids = new long[ID_LONGS * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < ID_LONGS; j++) {
        ids[ID_LONGS * i + j] = nodes.get(i).id().bytes().getLong(Long.BYTES * j);
      }
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    for (int k = 0; k < n; k++) {
      shuffle(order, new Random(random.nextLong()));
      int[] filled = new int[NodeTable.BUCKETS + 1];
      NodeTable table = nodes.get(k).protocol().table();
      for (int o : order) {
        int d = logDistance(ids, k, o);
        if (d == 0 || filled[d] >= perBucket) continue;
        SimNode other = nodes.get(o);
        if (table.addVerified(other.record(), other.endpoint()) == NodeTable.AddResult.ADDED) {
          filled[d]++;
        }
      }
    }
  }

  /** {@link NodeId#logDistance} of the ids at indices a and b of a flat id array. */
  private static int logDistance(long[] ids, int a, int b) {
    for (int j = 0; j < ID_LONGS; j++) {
      long x = ids[ID_LONGS * a + j] ^ ids[ID_LONGS * b + j];
      if (x != 0) return (ID_LONGS - j) * Long.SIZE - Long.numberOfLeadingZeros(x);
    }
    return 0;
  }

  /**
   * {@link Collections#shuffle(List, Random)}'s algorithm on an array: the same permutation for the
   * same random source, so runs keep the tables they had when this shuffled a list of nodes.
   */
  private static void shuffle(int[] a, Random random) {
    for (int i = a.length; i > 1; i--) {
      int j = random.nextInt(i);
      int t = a[i - 1];
      a[i - 1] = a[j];
      a[j] = t;
    }
  }

  /** Runs the network for {@code duration} of virtual time. */
  void run(Duration duration) {
    clock.runFor(duration);
  }

  /** A random node id, for lookups. */
  NodeId randomId() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return new NodeId(Bytes32.wrap(b));
  }

  /** The network's random source, for scenario choices that must follow the seed. */
  SplittableRandom random() {
    return random;
  }

  /** Delivers a node's datagrams to the node at the destination, one latency later. */
  private final class Transport implements Protocol.Transport {
    private final SimNode from;

    Transport(SimNode from) {
      this.from = from;
    }

    @Override
    public void send(Bytes packet, InetSocketAddress to) {
      Message message = wire.message(packet);
      from.countSent(message);
      SimNode target = byEndpoint.get(to);
      if (target == null || (options.loss() > 0 && random.nextDouble() < options.loss())) {
        wire.discard(packet);
        return;
      }
      clock.schedule(
          options.latency(),
          () -> {
            target.deliver(message, packet, from);
            wire.discard(packet); // a responder may have answered without opening it
          });
    }

    @Override
    public boolean supports(InetAddress address) {
      return address instanceof Inet4Address;
    }
  }
}
