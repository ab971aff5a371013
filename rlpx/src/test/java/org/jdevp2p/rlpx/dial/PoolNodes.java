package org.jdevp2p.rlpx.dial;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.eth.ForkFilter;
import org.jdevp2p.node.Enode;
import org.jdevp2p.node.NodeQueue;
import org.jdevp2p.rlpx.Capability;
import org.jdevp2p.rlpx.CapabilityHandler;
import org.jdevp2p.rlpx.Disconnection;
import org.jdevp2p.rlpx.PeerConnection;
import org.jdevp2p.rlpx.RlpxTransport;
import org.jdevp2p.rlpx.eth.ChainlessNode;
import org.jdevp2p.rlpx.eth.EthHandler;
import org.jdevp2p.rlpx.eth.EthVersion;
import org.jdevp2p.rlpx.eth.GenesisBlock;
import org.jdevp2p.rlpx.eth.StatusValidator;

/**
 * Nodes on 127.0.0.1 for the pool tests: a node with a {@link PeerPool}, and plain eth (or non-eth)
 * peers for it to find. Closes everything it started.
 */
final class PoolNodes implements AutoCloseable {
  /** How long a test waits for something that should happen at once over loopback. */
  static final Duration WAIT = Duration.ofSeconds(15);

  /** A capability no eth node runs, for peers that share nothing with eth. */
  static final Capability OTHER = new Capability("other", 1, 1);

  /** A handler for {@link #OTHER} that reads and drops. */
  private static final CapabilityHandler IGNORE = (peer, code, payload) -> {};

  /** After mainnet's BPO2: the present for every fork filter here. */
  static final Instant START = Instant.ofEpochSecond(1_780_000_000L);

  /** The clock of every pool: moves only when a test moves it. */
  static final class ManualClock implements InstantSource {
    private volatile Instant now = START;

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  /** A node whose pool's events are recorded. */
  static final class PoolNode implements PeerPool.Listener {
    final BlockingQueue<PeerInfo> added = new LinkedBlockingQueue<>();
    final BlockingQueue<PeerInfo> removed = new LinkedBlockingQueue<>();
    final PrivateKey key = PrivateKey.random();
    final NodeQueue candidates = new NodeQueue(64);
    PeerPool pool;
    RlpxTransport transport;

    /** Its record as discovery would hand it to another pool. */
    NodeRecord record() {
      return recordOf(key, transport);
    }

    @Override
    public void peerAdded(PeerInfo peer) {
      added.add(peer);
    }

    @Override
    public void peerRemoved(PeerInfo peer, Disconnection disconnection) {
      removed.add(peer);
    }

    PoolMetrics metrics() {
      return pool.metrics();
    }
  }

  /** A peer without a pool: accepts and dials whatever it is told; records its disconnections. */
  static final class Peer implements RlpxTransport.Listener {
    final PrivateKey key = PrivateKey.random();
    final BlockingQueue<PeerConnection> connected = new LinkedBlockingQueue<>();
    final BlockingQueue<Disconnection> disconnected = new LinkedBlockingQueue<>();
    RlpxTransport transport;

    @Override
    public void connected(PeerConnection peer) {
      connected.add(peer);
    }

    @Override
    public void disconnected(PeerConnection peer, Disconnection disconnection) {
      disconnected.add(disconnection);
    }

    /** Its record as discovery would hand it to the pool. */
    NodeRecord record() {
      return recordOf(key, transport);
    }

    Enode enode() {
      InetSocketAddress a = transport.listenAddress();
      return new Enode(key.publicKey(), a.getAddress(), a.getPort(), a.getPort());
    }
  }

  private static NodeRecord recordOf(PrivateKey key, RlpxTransport transport) {
    InetSocketAddress a = transport.listenAddress();
    return NodeRecord.builder().ip(a.getAddress()).tcp(a.getPort()).sign(key);
  }

  final ManualClock clock = new ManualClock();
  private final ScheduledExecutorService timers = new ScheduledThreadPoolExecutor(1);
  private final List<AutoCloseable> open = new ArrayList<>();

  /** A mainnet eth node with a pool configured by {@code config}, also running {@code extra}. */
  PoolNode poolNode(UnaryOperator<PeerPoolConfig.Builder> config, Capability... extra) {
    PoolNode node = new PoolNode();
    node.pool =
        new PeerPool(
            config.apply(PeerPoolConfig.builder().clock(clock)).build(), node.candidates, node);
    EthHandler eth = ethHandler(GenesisBlock.MAINNET, node.pool.ethListener());
    RlpxTransport.Builder b = node.pool.registerWith(eth.registerWith(builder(node.key)));
    for (Capability c : extra) b.capability(c, IGNORE);
    node.transport = start(b);
    open.add(node.pool);
    node.pool.start(node.transport);
    return node;
  }

  /** A plain eth peer of this chain. */
  Peer ethPeer(GenesisBlock chain) {
    Peer peer = new Peer();
    EthHandler eth = ethHandler(chain, new EthHandler.Listener() {});
    peer.transport = start(eth.registerWith(builder(peer.key)).listener(peer));
    return peer;
  }

  Peer ethPeer() {
    return ethPeer(GenesisBlock.MAINNET);
  }

  /** A peer that offers only {@link #OTHER}: its Hello lacks eth. */
  Peer nonEthPeer() {
    Peer peer = new Peer();
    peer.transport = start(builder(peer.key).capability(OTHER, IGNORE).listener(peer));
    return peer;
  }

  private EthHandler ethHandler(GenesisBlock chain, EthHandler.Listener listener) {
    return new EthHandler(
        new ChainlessNode(chain),
        new StatusValidator(chain.chain(), ForkFilter.synced(chain.chain(), clock)),
        EnumSet.allOf(EthVersion.class),
        EthHandler.Timer.of(timers),
        listener);
  }

  private static RlpxTransport.Builder builder(PrivateKey key) {
    return RlpxTransport.builder(key)
        .listenAddress(new InetSocketAddress("127.0.0.1", 0))
        .clientId("pool-test")
        .eventLoopThreads(1);
  }

  private RlpxTransport start(RlpxTransport.Builder b) {
    RlpxTransport t = b.build();
    open.add(t);
    t.start();
    return t;
  }

  static <T> T take(BlockingQueue<T> queue) throws InterruptedException {
    T event = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(event).as("event within %s", WAIT).isNotNull();
    return event;
  }

  /** Waits, polling, until the condition holds; fails after {@link #WAIT}. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("%s within %s", what, WAIT).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : open.reversed()) c.close();
    timers.shutdownNow();
  }
}
