package org.jdevp2p.rlpx;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.EventExecutor;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.node.Enode;
import org.jdevp2p.rlpx.CapabilityMux.Registration;
import org.jdevp2p.rlpx.handshake.AuthReplayCache;
import org.jdevp2p.rlpx.handshake.Handshake;
import org.jdevp2p.rlpx.handshake.HandshakeConfig;
import org.jdevp2p.rlpx.handshake.HandshakeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RLPx endpoint a Java client embeds: listens for peers, dials peers, runs the p2p base
 * protocol and hands each shared capability's messages to its {@link CapabilityHandler}.
 *
 * <pre>{@code
 * RlpxTransport transport =
 *     RlpxTransport.builder(nodeKey)
 *         .listenAddress(new InetSocketAddress(30303))
 *         .capability(new Capability("eth", 68, 17), ethHandler)
 *         .listener(myListener)
 *         .build();
 * transport.start();
 * PeerConnection peer = transport.dial(Enode.parse(url)).get();
 * ...
 * transport.close(); // Disconnect "client quitting" to every peer, then the threads stop
 * }</pre>
 *
 * <p>Threads: one Netty event loop group of {@link Builder#eventLoopThreads} threads owns every
 * socket; each connection, and every call of its handlers, stays on one of them. Nothing is static:
 * two transports in one JVM share nothing.
 */
public final class RlpxTransport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RlpxTransport.class);

  /** geth defaultDialTimeout: how long a TCP connect may take. */
  public static final Duration DIAL_TIMEOUT = Duration.ofSeconds(15);

  /** geth's default listen port. */
  public static final int DEFAULT_PORT = 30303;

  /**
   * Inbound connections in their handshake or Hello at once: geth's defaultMaxPendingPeers. Each
   * costs an ECDH and a signature recovery, so without a cap a flood of connections from many
   * addresses (the pool's throttle is per address) would hold that work and a socket each for up to
   * the handshake deadline.
   */
  public static final int DEFAULT_MAX_PENDING_INBOUND = 50;

  /**
   * Send-buffer water marks: above the high mark a connection is unwritable (we stop reading from
   * it and its handlers see {@link PeerConnection#isWritable()} false), below the low mark it is
   * writable again. 1 MiB holds a typical eth response burst; the low mark avoids flapping.
   */
  static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

  /**
   * Flushes coalesced into one system call: a handler that sends many small messages in one go (eth
   * answers, transaction gossip) pays one write per batch, not one per message, and a batch is
   * never held back longer than the current event-loop turn.
   */
  static final int FLUSH_BATCH = 64;

  /**
   * How long {@link #close()} waits for peers to take their Disconnect: geth's discWriteTimeout
   * plus a second for the close itself.
   */
  static final Duration CLOSE_GRACE = P2pHandler.DISCONNECT_WRITE_TIMEOUT.plusSeconds(1);

  /** Told when a peer becomes usable and when it goes; called on the peer's event loop. */
  public interface Listener {
    default void connected(PeerConnection peer) {}

    default void disconnected(PeerConnection peer, Disconnection disconnection) {}
  }

  private final Builder config;
  private final Counters counters;
  private final Set<PeerConnection> peers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger pendingInbound = new AtomicInteger();
  private final Handshake.Responder responder;
  private final HandshakeConfig handshakeConfig;
  private volatile EventLoopGroup group;
  private volatile ChannelGroup channels;
  private volatile Channel server;
  private volatile P2pConfig p2pConfig;
  private volatile boolean closed;

  private RlpxTransport(Builder builder) {
    this.config = builder;
    this.counters = builder.counters;
    this.handshakeConfig =
        HandshakeConfig.builder()
            .timeout(builder.handshakeTimeout)
            .expiryWindow(builder.authExpiryWindow)
            .requireExpiration(builder.strictAuth)
            .clock(builder.clock)
            .maxFrameSize(builder.maxFrameSize)
            .build();
    this.responder = new Handshake.Responder(builder.key, handshakeConfig, new AuthReplayCache());
  }

  /** A builder with the defaults documented on each setter; {@code key} is our node key. */
  public static Builder builder(PrivateKey key) {
    return new Builder(key);
  }

  /**
   * Starts the event loops and, unless listening is off, binds the listen address. Throws {@link
   * UncheckedIOException} when the address cannot be bound.
   */
  public synchronized void start() {
    if (group != null) throw new IllegalStateException("already started");
    if (closed) throw new IllegalStateException("closed");
    P2pConfig unbound = p2pConfig(DEFAULT_PORT);
    int helloSize = unbound.hello().encode().size();
    if (helloSize > Hello.MAX_SIZE) {
      // geth drops a peer whose Hello passes baseProtocolMaxMsgSize: fail here, not on every peer
      throw new IllegalStateException(
          "our Hello would be " + helloSize + " bytes, over the 2 KiB peers accept");
    }
    group = new MultiThreadIoEventLoopGroup(config.eventLoopThreads, NioIoHandler.newFactory());
    channels = new DefaultChannelGroup("rlpx", group.next());
    int listenPort = 0;
    if (config.listenAddress != null) {
      ChannelFuture bind =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
              .childHandler(initializer(null))
              .bind(config.listenAddress)
              .awaitUninterruptibly();
      if (!bind.isSuccess()) {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        throw new UncheckedIOException(
            new java.io.IOException("cannot listen on " + config.listenAddress, bind.cause()));
      }
      server = bind.channel();
      listenPort = listenAddress().getPort();
    }
    p2pConfig = p2pConfig(listenPort);
  }

  private P2pConfig p2pConfig(int listenPort) {
    return new P2pConfig(
        config.key.publicKey(),
        config.clientId,
        listenPort,
        config.capabilities,
        config.helloTimeout,
        config.pingInterval,
        config.readTimeout,
        config.writeTimeout,
        config.maxQueuedBytes);
  }

  /** The address we listen on (with the port the system chose for port 0), or null. */
  public InetSocketAddress listenAddress() {
    Channel s = server;
    return s == null ? null : (InetSocketAddress) s.localAddress();
  }

  /** Our node key's public half. */
  public PublicKey publicKey() {
    return config.key.publicKey();
  }

  /** Dials the peer of an enode URL; see {@link #dial(PublicKey, InetSocketAddress)}. */
  public CompletableFuture<PeerConnection> dial(Enode enode) {
    return dial(enode.publicKey(), new InetSocketAddress(enode.ip(), enode.tcpPort()));
  }

  /**
   * Connects, runs the handshake and the Hello exchange. Completes with the peer once they succeed;
   * fails with {@link PeerDisconnectedException} when the handshake or Hello exchange fails or the
   * peer disconnects, or with the connect error.
   */
  public CompletableFuture<PeerConnection> dial(PublicKey remoteKey, InetSocketAddress address) {
    Objects.requireNonNull(remoteKey, "remoteKey");
    if (group == null || closed) throw new IllegalStateException("transport is not running");
    CompletableFuture<PeerConnection> result = new CompletableFuture<>();
    new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) DIAL_TIMEOUT.toMillis())
        .handler(initializer(new Dial(remoteKey, result)))
        .connect(address)
        .addListener(
            (ChannelFuture f) -> {
              if (!f.isSuccess()) result.completeExceptionally(f.cause());
            });
    return result;
  }

  private record Dial(PublicKey remoteKey, CompletableFuture<PeerConnection> result) {}

  /** The pipeline of one connection; {@code dial} null for one we accepted. */
  private ChannelInitializer<SocketChannel> initializer(Dial dial) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        if (closed) {
          ch.close();
          return;
        }
        if (dial == null && !config.inboundFilter.test(ch.remoteAddress())) {
          // refused before any handshake work (geth checkInboundConn): no Disconnect, just close
          ch.close();
          return;
        }
        Runnable settled = dial == null ? releaseOnce() : () -> {};
        if (dial == null) {
          if (pendingInbound.incrementAndGet() > config.maxPendingInbound) {
            pendingInbound.decrementAndGet();
            counters.increment(FailureReason.TOO_MANY_PENDING);
            ch.close(); // like a filtered one: no Disconnect, no handshake work
            return;
          }
          ch.closeFuture().addListener(f -> settled.run());
        }
        channels.add(ch);
        ConnectionCounters connectionCounters = new ConnectionCounters(counters);
        PeerListener listener =
            new Connection(dial == null ? null : dial.result(), connectionCounters, settled);
        HandshakeHandler handshake =
            dial == null
                ? HandshakeHandler.responder(responder, handshakeConfig, connectionCounters)
                : HandshakeHandler.initiator(
                    config.key, dial.remoteKey(), handshakeConfig, connectionCounters);
        ch.pipeline()
            .addLast("flush-batch", new FlushConsolidationHandler(FLUSH_BATCH, true))
            .addLast("rlpx-handshake", handshake)
            .addLast(
                "handshake-stage",
                new HandshakeStage(
                    completed ->
                        new P2pHandler(
                            p2pConfig,
                            completed.remoteKey(),
                            !completed.initiator(),
                            listener,
                            connectionCounters),
                    listener,
                    connectionCounters));
      }
    };
  }

  /** Frees one pending inbound slot, once: at the end of the Hello exchange or at the close. */
  private Runnable releaseOnce() {
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) pendingInbound.decrementAndGet();
    };
  }

  /**
   * Inbound connections in their handshake or Hello now; see {@link #DEFAULT_MAX_PENDING_INBOUND}.
   */
  public int pendingInbound() {
    return pendingInbound.get();
  }

  /** Connects one channel's events to the peer set, the dial future and the user's listener. */
  private final class Connection implements PeerListener {
    private final CompletableFuture<PeerConnection> dial;
    private final ConnectionCounters connectionCounters;
    private final Runnable settled;

    /** {@code settled} runs when the handshake and Hello succeed (it frees a pending slot). */
    Connection(
        CompletableFuture<PeerConnection> dial,
        ConnectionCounters connectionCounters,
        Runnable settled) {
      this.dial = dial;
      this.connectionCounters = connectionCounters;
      this.settled = settled;
    }

    @Override
    public void connected(PeerConnection peer) {
      settled.run();
      if (closed) {
        // finished its Hello while we were closing: never reported, so no disconnect event either
        peer.disconnect(Disconnect.Reason.QUITTING);
        return;
      }
      peers.add(peer);
      if (dial != null) dial.complete(peer);
      try {
        config.listener.connected(peer);
      } catch (RuntimeException e) {
        LOG.warn("listener failed on connect of {}", peer, e);
      }
    }

    @Override
    public void closed(Channel channel, PeerConnection peer, Disconnection disconnection) {
      if (dial != null && !dial.isDone()) {
        FailureReason failure =
            disconnection.side() == Disconnection.Side.LOCAL
                ? connectionCounters.firstFailure()
                : null;
        dial.completeExceptionally(new PeerDisconnectedException(disconnection, failure));
      }
      if (peer != null && peers.remove(peer)) {
        try {
          config.listener.disconnected(peer, disconnection);
        } catch (RuntimeException e) {
          LOG.warn("listener failed on disconnect of {}", peer, e);
        }
      }
    }
  }

  /** The connected peers. */
  public Set<PeerConnection> peers() {
    return Set.copyOf(peers);
  }

  /** How many connections were dropped for each reason so far. */
  public Counters counters() {
    return counters;
  }

  /**
   * Sends Disconnect "client quitting" to every peer, closes every other connection and the
   * listener, waits up to {@link #CLOSE_GRACE} for the peers to go, and stops the event loops. Not
   * from a handler or listener callback: it waits for the threads those run on.
   */
  @Override
  public synchronized void close() {
    if (closed) return;
    if (group != null) {
      for (EventExecutor loop : group) {
        // close() waits for the loops; from inside one it would wait for itself
        if (loop.inEventLoop()) throw new IllegalStateException("close() called from a handler");
      }
    }
    closed = true;
    if (group == null) return;
    if (server != null) server.close().awaitUninterruptibly();
    Set<Channel> peerChannels = new HashSet<>();
    for (PeerConnection peer : peers) {
      peer.disconnect(Disconnect.Reason.QUITTING);
      if (peer instanceof Peer p) peerChannels.add(p.channel());
    }
    List<Channel> others = new ArrayList<>();
    for (Channel ch : channels) if (!peerChannels.contains(ch)) others.add(ch);
    others.forEach(Channel::close);
    channels.newCloseFuture().awaitUninterruptibly(CLOSE_GRACE.toMillis());
    channels.close().awaitUninterruptibly();
    group
        .shutdownGracefully(0, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly();
  }

  /** Settings of a transport; each setter names its default. */
  public static final class Builder {
    private final PrivateKey key;
    private InetSocketAddress listenAddress = new InetSocketAddress(DEFAULT_PORT);
    private String clientId = "jdevp2p";
    private final List<Registration> capabilities = new ArrayList<>();
    private Listener listener = new Listener() {};
    private Predicate<InetSocketAddress> inboundFilter = address -> true;
    private int maxPendingInbound = DEFAULT_MAX_PENDING_INBOUND;
    private Counters counters = Counters.create();
    private int maxFrameSize = HandshakeConfig.MAX_FRAME_SIZE;
    private Duration handshakeTimeout = HandshakeConfig.DEFAULT_TIMEOUT;
    private Duration authExpiryWindow = HandshakeConfig.DEFAULT_EXPIRY_WINDOW;
    private boolean strictAuth = false;
    private InstantSource clock = InstantSource.system();
    private Duration helloTimeout = P2pHandler.HELLO_TIMEOUT;
    private Duration pingInterval = P2pHandler.PING_INTERVAL;
    private Duration readTimeout = P2pHandler.READ_TIMEOUT;
    private Duration writeTimeout = P2pHandler.WRITE_TIMEOUT;
    private long maxQueuedBytes = P2pHandler.MAX_QUEUED_BYTES;
    private int eventLoopThreads = Runtime.getRuntime().availableProcessors();

    private Builder(PrivateKey key) {
      this.key = Objects.requireNonNull(key, "key");
    }

    /** Where to accept connections; default all interfaces, port 30303; null: dial only. */
    public Builder listenAddress(InetSocketAddress listenAddress) {
      this.listenAddress = listenAddress;
      return this;
    }

    /** The client id in our Hello; default "jdevp2p". */
    public Builder clientId(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      return this;
    }

    /**
     * Runs a capability with this handler; call once per capability (several versions of one name
     * may each have their own handler: the highest version both sides run wins). At least one.
     */
    public Builder capability(Capability capability, CapabilityHandler handler) {
      Objects.requireNonNull(handler, "handler");
      for (Registration r : capabilities) {
        if (r.capability().cap().equals(capability.cap())) {
          throw new IllegalArgumentException(capability + " registered twice");
        }
      }
      capabilities.add(new Registration(capability, handler));
      return this;
    }

    /** Told of connected and disconnected peers; default none. */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Decides on each accepted connection, by the peer's address, before the handshake; a refused
     * one is closed at once. Called on an event loop thread. Default: accept all.
     */
    public Builder inboundFilter(Predicate<InetSocketAddress> inboundFilter) {
      this.inboundFilter = Objects.requireNonNull(inboundFilter, "inboundFilter");
      return this;
    }

    /**
     * Inbound connections allowed in their handshake or Hello at once; one more is closed at once
     * and counted as {@link FailureReason#TOO_MANY_PENDING}. Default {@link
     * #DEFAULT_MAX_PENDING_INBOUND}.
     */
    public Builder maxPendingInbound(int maxPendingInbound) {
      if (maxPendingInbound < 1)
        throw new IllegalArgumentException("maxPendingInbound must be >= 1");
      this.maxPendingInbound = maxPendingInbound;
      return this;
    }

    /** Where failures are counted; default a fresh in-memory {@link Counters}. */
    public Builder counters(Counters counters) {
      this.counters = Objects.requireNonNull(counters, "counters");
      return this;
    }

    /** The largest frame read or written; default and maximum 0xFFFFFF (geth maxUint24). */
    public Builder maxFrameSize(int maxFrameSize) {
      this.maxFrameSize = maxFrameSize;
      return this;
    }

    /** Deadline of the RLPx handshake; default 5 s (geth handshakeTimeout). */
    public Builder handshakeTimeout(Duration handshakeTimeout) {
      this.handshakeTimeout = handshakeTimeout;
      return this;
    }

    /** How far an auth's expiration may lie in the future; default 30 s. */
    public Builder authExpiryWindow(Duration authExpiryWindow) {
      this.authExpiryWindow = authExpiryWindow;
      return this;
    }

    /**
     * Strict auth: refuse an auth without our expiration element (for networks of our own nodes:
     * geth sends none). Default off.
     */
    public Builder strictAuth(boolean strictAuth) {
      this.strictAuth = strictAuth;
      return this;
    }

    /** The clock of auth expiration; default the system clock. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long the peer has to send Hello after the handshake; default 5 s. */
    public Builder helloTimeout(Duration helloTimeout) {
      this.helloTimeout = positive(helloTimeout, "hello timeout");
      return this;
    }

    /** How often we ping; default 15 s (geth pingInterval). */
    public Builder pingInterval(Duration pingInterval) {
      this.pingInterval = positive(pingInterval, "ping interval");
      return this;
    }

    /** The longest a peer may stay silent; default 30 s (geth frameReadTimeout). */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = positive(readTimeout, "read timeout");
      return this;
    }

    /** The longest a peer may leave our writes unread; default 20 s (geth frameWriteTimeout). */
    public Builder writeTimeout(Duration writeTimeout) {
      this.writeTimeout = positive(writeTimeout, "write timeout");
      return this;
    }

    /** Bound on unwritten payload bytes per peer; default 32 MiB (two maximum messages). */
    public Builder maxQueuedBytes(long maxQueuedBytes) {
      if (maxQueuedBytes < 1) throw new IllegalArgumentException("queue bound must be positive");
      this.maxQueuedBytes = maxQueuedBytes;
      return this;
    }

    /** Threads of the event loop group; default one per available processor. */
    public Builder eventLoopThreads(int eventLoopThreads) {
      if (eventLoopThreads < 1) throw new IllegalArgumentException("need at least one thread");
      this.eventLoopThreads = eventLoopThreads;
      return this;
    }

    public RlpxTransport build() {
      if (capabilities.isEmpty()) {
        throw new IllegalStateException("no capability: every peer would be useless");
      }
      if (readTimeout.compareTo(pingInterval) <= 0) {
        throw new IllegalStateException("read timeout must exceed the ping interval");
      }
      return new RlpxTransport(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be > 0");
      return d;
    }
  }
}
