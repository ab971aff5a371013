package org.jdevp2p.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.eth.EthEntry;
import org.jdevp2p.eth.EthNodeFilter;
import org.jdevp2p.eth.ForkFilter;
import org.jdevp2p.eth.ForkId;
import org.jdevp2p.node.NodeFilter;
import org.jdevp2p.node.NodeQueue;
import org.jdevp2p.node.NodeSource;
import org.jdevp2p.rlpx.RlpxTransport;
import org.jdevp2p.rlpx.dial.PeerPool;
import org.jdevp2p.rlpx.eth.ChainlessNode;
import org.jdevp2p.rlpx.eth.EthHandler;
import org.jdevp2p.rlpx.eth.EthVersion;
import org.jdevp2p.rlpx.eth.StatusValidator;

/**
 * A whole eth node without a chain: discv5 finds candidates (by their ENR eth entry and, with
 * topics on, by the eth topic, which we also advertise), the peer pool dials them over RLPx, and
 * the eth Status decides which are kept. This is the wiring {@code devp2p node} and {@code devp2p
 * devnet} run, and what a client embedding the modules writes:
 *
 * <pre>
 * Discovery ──nodeSource(EthNodeFilter)──► PeerPool ──dial──► RlpxTransport ──► EthHandler
 *     ▲                                      ▲                                      │
 *     └── our record: tcp + eth entry        └──────── statusAccepted / rejected ───┘
 * </pre>
 *
 * <p>Our record carries the RLPx port and the {@code eth} entry. The entry holds the fork id our
 * Status announces: the genesis fork id, as a node without a chain announces genesis as its head
 * (eth69plus.md §8.1, {@link ChainlessNode}); every EIP-2124 filter accepts it through the "remote
 * is syncing" rule. Peers, on the other hand, are judged at the present chain position ({@link
 * ForkFilter#synced}), both their records and their Status.
 */
final class EthNode implements AutoCloseable {
  /**
   * The topic eth nodes advertise and search (topics.md §12: {@code sha256("eth/68")}, shared by
   * every network; the fork filter and the Status tell the networks apart).
   */
  static final String ETH_TOPIC = "eth/68";

  /** Advertisers one topic search looks for: the spec's F_lookup (topics.md §8). */
  static final int TOPIC_SEARCH_COUNT = 30;

  /**
   * Pause between topic searches: new advertisers appear only as registrars admit their ads
   * (waiting times of seconds to minutes), so searching more often mostly finds the same again.
   */
  static final Duration TOPIC_SEARCH_PAUSE = Duration.ofSeconds(10);

  /** Advertisers waiting for the dialer: a few searches' worth. */
  static final int TOPIC_QUEUE_CAPACITY = 4 * TOPIC_SEARCH_COUNT;

  private final EthNodeConfig config;
  private final ScheduledExecutorService timers;
  private final Discovery discovery;
  private final RlpxTransport transport;
  private final PeerPool pool;
  private final EthEntryKeeper entry;
  private final ForkId announced;

  private EthNode(EthNodeConfig config, PeerPool.Listener listener) {
    this.config = config;
    ChainConfig chain = config.genesis().chain();
    ForkFilter forkFilter = ForkFilter.synced(chain, config.clock());
    ChainlessNode chainless = new ChainlessNode(config.genesis());
    this.announced = chainless.status(EthVersion.ETH69).forkId();
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("eth-node-timers").daemon().factory());
    EthHandler.Timer timer = EthHandler.Timer.of(timers);
    Discovery started = null;
    RlpxTransport rlpx = null;
    try {
      started = Discovery.start(config.discovery());
      NodeFilter wanted = new EthNodeFilter(forkFilter);
      this.pool =
          new PeerPool(
              config.pool(), NodeSource.fairMix(candidateSources(started, wanted)), listener);
      EthHandler eth =
          new EthHandler(
              chainless,
              new StatusValidator(chain, forkFilter),
              config.ethVersions(),
              timer,
              pool.ethListener());
      rlpx =
          pool.registerWith(
                  eth.registerWith(
                      RlpxTransport.builder(config.discovery().key())
                          .listenAddress(config.rlpxListen())
                          .clientId(config.clientId())
                          .eventLoopThreads(config.rlpxThreads())
                          .maxPendingInbound(config.maxPendingInbound())))
              .build();
      rlpx.start();
      this.discovery = started;
      this.transport = rlpx;
      int tcpPort = rlpx.listenAddress().getPort();
      this.entry =
          new EthEntryKeeper(
              chain, at -> announced, config.clock(), timer, forkId -> publish(tcpPort, forkId));
      entry.start();
      // advertised once our record carries the eth entry: registrars hand out the record they got
      if (config.discovery().topics()) started.registerTopic(ETH_TOPIC).join();
      pool.start(rlpx);
    } catch (RuntimeException e) {
      if (rlpx != null) rlpx.close();
      if (started != null) started.close();
      timers.shutdownNow();
      throw e;
    }
  }

  /**
   * Where candidates come from, mixed fairly (topics.md §12): the nodes discovery meets whose ENR
   * eth entry passes our fork filter, and, with topics on, the advertisers of {@link #ETH_TOPIC},
   * kept when they can be dialled and their eth entry, if any, passes the same filter. A DNS node
   * list would join here too.
   */
  private List<NodeSource> candidateSources(Discovery discovery, NodeFilter ethEntry) {
    if (!config.discovery().topics()) return List.of(discovery.nodeSource(ethEntry));
    NodeFilter advertiser =
        NodeFilter.hasTcpEndpoint().and(r -> r.get(EthEntry.KEY).isEmpty() || ethEntry.test(r));
    NodeQueue advertisers = new NodeQueue(TOPIC_QUEUE_CAPACITY);
    searchTopic(discovery, advertisers);
    return List.of(discovery.nodeSource(ethEntry), advertisers.filter(advertiser));
  }

  /** Searches the eth topic again and again, {@link #TOPIC_SEARCH_PAUSE} apart, while wanted. */
  private void searchTopic(Discovery discovery, NodeQueue advertisers) {
    if (advertisers.isClosed() || timers.isShutdown()) return;
    discovery
        .searchTopic(ETH_TOPIC, TOPIC_SEARCH_COUNT, advertisers::offer)
        .whenComplete(
            (found, failure) -> {
              if (advertisers.isClosed() || timers.isShutdown()) return;
              try {
                timers.schedule(
                    () -> searchTopic(discovery, advertisers),
                    TOPIC_SEARCH_PAUSE.toMillis(),
                    TimeUnit.MILLISECONDS);
              } catch (RejectedExecutionException e) {
                // closing: the search ends here
              }
            });
  }

  /** Starts discovery, RLPx and the pool; {@code listener} hears of kept peers. */
  static EthNode start(EthNodeConfig config, PeerPool.Listener listener) {
    return new EthNode(config, listener);
  }

  /** Writes the RLPx port and the eth entry into our record, in one sequence number. */
  private void publish(int tcpPort, ForkId forkId) {
    boolean v4 = discovery.localAddress4().isPresent();
    boolean v6 = discovery.localAddress6().isPresent();
    discovery
        .updateRecord(
            b -> {
              if (v4) b.tcp(tcpPort);
              if (v6) b.tcp6(tcpPort);
              b.set(EthEntry.KEY, new EthEntry(forkId).encode());
            })
        .join();
  }

  EthNodeConfig config() {
    return config;
  }

  Discovery discovery() {
    return discovery;
  }

  RlpxTransport transport() {
    return transport;
  }

  PeerPool pool() {
    return pool;
  }

  /** Our record as discovery hands it out now. */
  NodeRecord localRecord() {
    return discovery.localRecord();
  }

  /** The fork id of our Status and of our record's eth entry. */
  ForkId announcedForkId() {
    return announced;
  }

  /** Where RLPx listens (with the port the system chose). */
  InetSocketAddress rlpxAddress() {
    return transport.listenAddress();
  }

  /** Stops dialing, disconnects every peer ("client quitting"), then stops discovery. */
  @Override
  public void close() {
    entry.close();
    pool.close();
    transport.close();
    discovery.close();
    timers.shutdownNow();
  }
}
