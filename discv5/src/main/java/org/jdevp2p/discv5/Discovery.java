package org.jdevp2p.discv5;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.discv5.DiscoveryException.Reason;
import org.jdevp2p.discv5.topic.Topic;
import org.jdevp2p.discv5.topic.TopicCapability;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeFilter;
import org.jdevp2p.node.NodeId;
import org.jdevp2p.node.NodeQueue;
import org.jdevp2p.node.NodeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A discv5 node: one UDP socket per address family, both served by one event loop thread that owns
 * every piece of protocol state (sessions, challenges, requests, the node table). Public methods
 * may be called from any thread; they hand their work to that loop and return futures, which
 * complete on the loop thread: do not block in their callbacks.
 *
 * <pre>{@code
 * try (Discovery node = Discovery.start(DiscoveryConfig.builder(key).bootnodes(boot).build())) {
 *   List<NodeRecord> near = node.lookup(target).join();
 * }
 * }</pre>
 */
public final class Discovery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

  /**
   * How often the loop checks deadlines (requests, challenges, revalidation, refresh) against the
   * configured clock: a tenth of geth's 700 ms response timeout keeps timeouts within 10 %.
   */
  static final long TICK_MILLIS = 50;

  /**
   * Receive buffer: one byte more than the largest valid packet, so that the kernel's truncation of
   * a larger datagram still shows it as oversized.
   */
  static final int RECEIVE_BUFFER_SIZE = Protocol.MAX_PACKET_SIZE + 1;

  /**
   * Socket receive buffer: 2 MiB holds a burst of about a thousand datagrams (the kernel accounts
   * 1-2 KiB per small datagram), so that a flood or many peers starting at once overflow the buffer
   * later than the default ~200 KiB would. Linux caps it at net.core.rmem_max.
   */
  static final int SOCKET_RECEIVE_BUFFER_BYTES = 2 * 1024 * 1024;

  private final DiscoveryConfig config;
  private final MultiThreadIoEventLoopGroup group;
  private final EventLoop loop;

  /**
   * Candidates a {@link #nodeSource} holds for a slow consumer before dropping the oldest: a few
   * lookups' worth, enough for a dialer that takes one every few milliseconds.
   */
  static final int NODE_SOURCE_CAPACITY = 512;

  private final Counters counters = new Counters();
  private final List<Subscription> sources = new CopyOnWriteArrayList<>();
  private final List<TableListener> listeners = new CopyOnWriteArrayList<>();
  private final Channel channel4;
  private final Channel channel6;
  private final LocalNode local;
  private final Protocol protocol;
  private volatile boolean closed;

  private Discovery(DiscoveryConfig config) {
    this.config = config;
    this.group =
        new MultiThreadIoEventLoopGroup(
            1,
            new DefaultThreadFactory("discv5", true),
            SocketKind.CURRENT.ioHandlerFactory(config.pollSpin()));
    this.loop = group.next();
    Channel c4 = null;
    Channel c6 = null;
    try {
      c4 = config.bind4().map(a -> bind(a, SocketProtocolFamily.INET)).orElse(null);
      try {
        c6 = config.bind6().map(a -> bind(a, SocketProtocolFamily.INET6)).orElse(null);
      } catch (UncheckedIOException e) {
        if (!wildcardsOnOnePort(config)) throw e;
        // Where the system binds a wildcard IPv6 UDP socket dual-stack (Linux by default:
        // net.ipv6.bindv6only=0, and the JDK has no IPV6_V6ONLY switch), 0.0.0.0:p and [::]:p
        // cannot both be bound. Then one [::] socket serves both families: the JDK reports its
        // IPv4 senders as Inet4Address and sends to Inet4Address through it.
        c4.close().syncUninterruptibly();
        c4 = bind(config.bind6().orElseThrow(), SocketProtocolFamily.INET6);
        c6 = c4;
      }
    } catch (RuntimeException e) {
      if (c4 != null) c4.close().syncUninterruptibly();
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
      throw e;
    }
    this.channel4 = c4;
    this.channel6 = c6;
    this.local =
        new LocalNode(
            config.key(),
            initialRecord(),
            config.addressVoteMinStatements(),
            config.pinEndpoint4(),
            config.pinEndpoint6(),
            config.clock());
    SecureRandom random = packetRandom();
    Codec codec = new WireCodec(local, config, random);
    this.protocol =
        new Protocol(
            config,
            local,
            codec,
            new UdpTransport(),
            counters,
            new Listeners(),
            this::publish,
            () -> sources.stream().anyMatch(s -> !s.queue().isClosed()),
            random);
  }

  /**
   * Nonces, request ids and WHOAREYOU id-nonces: the JDK's NIST SP 800-90A DRBG, seeded once from
   * the system. The default {@code NativePRNG} reads /dev/urandom as it goes, a system call every
   * few packets on the event loop.
   */
  private static SecureRandom packetRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK since 9 has DRBG", e);
    }
  }

  private static boolean wildcardsOnOnePort(DiscoveryConfig config) {
    return config.bind4().isPresent()
        && config.bind6().isPresent()
        && config.bind4().get().getAddress().isAnyLocalAddress()
        && config.bind6().get().getAddress().isAnyLocalAddress()
        && config.bind4().get().getPort() == config.bind6().get().getPort();
  }

  /** Binds the sockets and starts the node: it contacts the bootnodes and fills its table. */
  public static Discovery start(DiscoveryConfig config) {
    Discovery d = new Discovery(config);
    d.loop.scheduleAtFixedRate(d::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    d.loop.execute(d.protocol::bootstrap);
    return d;
  }

  private Channel bind(InetSocketAddress address, SocketProtocolFamily family) {
    Bootstrap b =
        new Bootstrap()
            .group(loop)
            .channelFactory(() -> SocketKind.CURRENT.datagramChannel(family))
            .option(
                ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER_SIZE))
            .handler(new InboundHandler());
    try {
      return b.bind(address).syncUninterruptibly().channel();
    } catch (Exception e) {
      BindException be = new BindException("cannot bind " + address + ": " + e.getMessage());
      throw new UncheckedIOException(be);
    }
  }

  private NodeRecord initialRecord() {
    NodeRecord.Builder b = NodeRecord.builder().seq(config.initialSeq());
    if (config.topics()) {
      b.set(TopicCapability.KEY, TopicCapability.VALUE);
      if (config.publishNg()) b.set(TopicCapability.ALTERNATE_KEY, TopicCapability.VALUE);
    }
    if (channel4 != null) {
      InetSocketAddress bound = (InetSocketAddress) channel4.localAddress();
      Optional<InetAddress> ip =
          config.enrIp4().<InetAddress>map(a -> a).or(() -> specific(bound.getAddress()));
      ip.ifPresent(b::ip);
      b.udp(bound.getPort());
    }
    if (channel6 != null) {
      InetSocketAddress bound = (InetSocketAddress) channel6.localAddress();
      Optional<InetAddress> ip =
          config.enrIp6().<InetAddress>map(a -> a).or(() -> specific(bound.getAddress()));
      ip.ifPresent(b::ip);
      b.udp6(bound.getPort());
    }
    return b.sign(config.key());
  }

  private static Optional<InetAddress> specific(InetAddress a) {
    return a.isAnyLocalAddress() ? Optional.empty() : Optional.of(a);
  }

  // ---------------------------------------------------------------- public API

  /** Our current record: its endpoints and sequence number change as peers vote. */
  public NodeRecord localRecord() {
    return local.record();
  }

  /**
   * Changes entries of our record, e.g. {@code b -> b.tcp(30303).set("eth", entry)}: the change is
   * applied on the loop, and if any entry differs the record is re-signed with seq + 1; peers learn
   * it from the enr-seq of our next PING or PONG. The identity entries ({@code id}, {@code
   * secp256k1}) and the sequence number are ours to set, whatever the change does to them.
   * Completes with the record now in force; fails with {@link
   * org.jdevp2p.enr.InvalidRecordException} when the change would make the record invalid (over 300
   * bytes, a malformed known entry), and the record stays as it was.
   */
  public CompletableFuture<NodeRecord> updateRecord(Consumer<NodeRecord.Builder> change) {
    Objects.requireNonNull(change, "change");
    return onLoop(p -> local.update(change));
  }

  public NodeId localId() {
    return local.id();
  }

  /** The bound IPv4 socket, if any (the port of the shared [::] socket when there is one). */
  public Optional<InetSocketAddress> localAddress4() {
    return Optional.ofNullable(channel4)
        .map(c -> (InetSocketAddress) c.localAddress())
        .map(
            a ->
                channel4 == channel6
                    ? new InetSocketAddress(config.bind4().get().getAddress(), a.getPort())
                    : a);
  }

  /** The bound IPv6 socket, if any. */
  public Optional<InetSocketAddress> localAddress6() {
    return Optional.ofNullable(channel6).map(c -> (InetSocketAddress) c.localAddress());
  }

  /** PINGs a node (handshaking first if we hold no session with it). */
  public CompletableFuture<PingResponse> ping(NodeRecord node) {
    return onLoop(() -> protocol.ping(node).thenApply(PingResponse.class::cast));
  }

  /**
   * Asks a node for the records at the given log-distances from it (0: its own record). The result
   * holds only records that verify, lie at a requested distance and have a usable endpoint.
   */
  public CompletableFuture<List<NodeRecord>> findNodes(NodeRecord node, List<Integer> distances) {
    List<Integer> copy = List.copyOf(distances);
    return onLoop(() -> protocol.findNodes(node, copy));
  }

  /** An iterative lookup: the closest nodes to {@code target} that answered us, closest first. */
  public CompletableFuture<List<NodeRecord>> lookup(NodeId target) {
    return onLoop(() -> protocol.lookup(target));
  }

  /** Sends a TALKREQ and returns the TALKRESP payload (empty if the peer lacks the protocol). */
  public CompletableFuture<Bytes> talk(NodeRecord node, Bytes protocolName, Bytes payload) {
    return onLoop(() -> protocol.talk(node, protocolName, payload).thenApply(Bytes.class::cast));
  }

  /** Answers TALKREQs for {@code protocolName} with the handler (replacing any earlier one). */
  public void registerTalkHandler(Bytes protocolName, TalkHandler handler) {
    execute(() -> protocol.registerTalkHandler(protocolName, handler));
  }

  /** Hears about nodes entering and leaving the table, on the event loop. */
  public void addTableListener(TableListener listener) {
    listeners.add(listener);
  }

  /**
   * A stream of the nodes this node learns (table entries and verified NODES records) that pass the
   * filter, for a dialer. While it is open, lookups run continuously to feed it. Close it when
   * done; closing the node closes it too.
   */
  public NodeSource nodeSource(NodeFilter filter) {
    NodeQueue queue = new NodeQueue(NODE_SOURCE_CAPACITY);
    sources.add(new Subscription(queue, filter));
    if (closed) queue.close();
    return queue;
  }

  private record Subscription(NodeQueue queue, NodeFilter filter) {}

  private void publish(NodeRecord node) {
    for (Subscription s : sources) {
      if (s.queue().isClosed()) {
        sources.remove(s);
      } else if (s.filter().test(node)) {
        s.queue().offer(node);
      }
    }
  }

  // ---------------------------------------------------------------- topics

  /**
   * Advertises the service {@code name} (its topic is sha256 of the name): registrations are kept
   * alive at registrars across the topic's neighbourhood until {@link #unregisterTopic}. Ads are
   * placed only while peers confirm the endpoint our record states (topics.md §6). Completes once
   * advertising has started; fails when topics are off or {@link
   * org.jdevp2p.discv5.topic.Topics#MAX_ADVERTISED} topics are advertised already.
   */
  public CompletableFuture<Void> registerTopic(String name) {
    Topic topic = Topic.of(name);
    return withTopics(t -> t.topics().register(topic));
  }

  /** Stops advertising {@code name}; the ads already placed run out at their registrars. */
  public CompletableFuture<Void> unregisterTopic(String name) {
    Topic topic = Topic.of(name);
    return withTopics(t -> t.topics().unregister(topic));
  }

  /** The service names we advertise now. */
  public CompletableFuture<List<String>> registeredTopics() {
    return onLoop(
        p ->
            p.topics().map(t -> t.topics().registered()).orElse(List.of()).stream()
                .map(Topic::name)
                .toList());
  }

  /** The registrars holding our ad for {@code name} now (empty if we do not advertise it). */
  public CompletableFuture<List<NodeRecord>> topicRegistrars(String name) {
    Topic topic = Topic.of(name);
    return onLoop(p -> p.topics().map(t -> t.topics().activeRegistrars(topic)).orElse(List.of()));
  }

  /**
   * Finds up to {@code count} advertisers of the service {@code name}: TOPICQUERY to registrars
   * from far from the topic inward (topics.md §7). Completes with what was found when the count is
   * reached or no registrar is left to ask; the records are candidates, to be checked by the
   * service itself.
   */
  public CompletableFuture<List<NodeRecord>> searchTopic(String name, int count) {
    return searchTopic(name, count, r -> {});
  }

  /**
   * {@link #searchTopic(String, int)}, telling {@code onFound} of each advertiser as its
   * registrar's answer arrives (on the event loop: do not block in it).
   */
  public CompletableFuture<List<NodeRecord>> searchTopic(
      String name, int count, Consumer<NodeRecord> onFound) {
    if (count < 1) throw new IllegalArgumentException("count must be positive, got " + count);
    Topic topic = Topic.of(name);
    return onLoop(
        () ->
            protocol
                .topics()
                .map(t -> t.topics().search(topic, count, onFound))
                .orElseGet(Discovery::topicsDisabled));
  }

  private CompletableFuture<Void> withTopics(Consumer<TopicService> work) {
    return onLoop(
        () ->
            protocol
                .topics()
                .map(
                    t -> {
                      work.accept(t);
                      return CompletableFuture.<Void>completedFuture(null);
                    })
                .orElseGet(Discovery::topicsDisabled));
  }

  private static <T> CompletableFuture<T> topicsDisabled() {
    return CompletableFuture.failedFuture(
        new DiscoveryException(Reason.TOPICS_DISABLED, "topic discovery is turned off"));
  }

  /** The records in the table now. */
  public CompletableFuture<List<NodeRecord>> tableNodes() {
    return onLoop(p -> p.table().members().stream().map(NodeTable.Entry::record).toList());
  }

  /** Runs a function over the protocol state on its loop (tests look inside this way). */
  <T> CompletableFuture<T> onLoop(Function<Protocol, T> f) {
    return onLoop(() -> CompletableFuture.completedFuture(f.apply(protocol)));
  }

  public Metrics metrics() {
    return counters;
  }

  /**
   * Fails pending requests, closes the sockets and stops the loop thread. Idempotent. Called from a
   * callback on the loop thread itself, it starts the shutdown without waiting for it.
   */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    sources.forEach(s -> s.queue().close());
    if (loop.inEventLoop()) {
      protocol.close();
      if (channel4 != null) channel4.close();
      if (channel6 != null) channel6.close();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      return;
    }
    try {
      loop.submit(protocol::close).syncUninterruptibly();
    } catch (RejectedExecutionException e) {
      // the loop is already stopping
    }
    if (channel4 != null) channel4.close().syncUninterruptibly();
    if (channel6 != null) channel6.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  // ---------------------------------------------------------------- loop plumbing

  private void tick() {
    try {
      protocol.tick();
    } catch (RuntimeException e) {
      LOG.warn("periodic work failed", e);
    }
  }

  /** Runs work on the loop and relays its future's outcome. */
  private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    execute(
        () -> {
          try {
            work.get()
                .whenComplete(
                    (value, failure) -> {
                      if (failure == null) {
                        result.complete(value);
                      } else {
                        result.completeExceptionally(unwrap(failure));
                      }
                    });
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        },
        result);
    return result;
  }

  private void execute(Runnable work) {
    execute(work, null);
  }

  private void execute(Runnable work, CompletableFuture<?> onRejected) {
    if (!closed) {
      try {
        loop.execute(work);
        return;
      } catch (RejectedExecutionException e) {
        // fall through: closed concurrently
      }
    }
    if (onRejected != null) {
      onRejected.completeExceptionally(new DiscoveryException(Reason.CLOSED, "discovery closed"));
    }
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  /** Sends on the socket of the destination's family. */
  private final class UdpTransport implements Protocol.Transport {
    @Override
    public void send(Bytes packet, InetSocketAddress to) {
      Channel ch = to.getAddress() instanceof Inet4Address ? channel4 : channel6;
      if (ch == null) return;
      ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet.toArrayUnsafe()), to));
    }

    @Override
    public boolean supports(InetAddress address) {
      return address instanceof Inet4Address
          ? channel4 != null
          : address instanceof Inet6Address && channel6 != null;
    }
  }

  /** Feeds datagrams to the protocol; nothing a peer sends escapes this handler. */
  private final class InboundHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      ByteBuf content = packet.content();
      int size = content.readableBytes();
      if (size > Protocol.MAX_PACKET_SIZE) {
        counters.drop(DropReason.OVERSIZED);
        return;
      }
      byte[] data = new byte[size];
      content.getBytes(content.readerIndex(), data);
      protocol.onDatagram(Bytes.wrap(data), packet.sender());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      counters.drop(DropReason.INTERNAL_ERROR);
      LOG.debug("socket error on {}", ctx.channel().localAddress(), cause);
    }
  }

  /** The table listeners registered now, called in order. */
  private final class Listeners implements TableListener {
    @Override
    public void nodeAdded(NodeRecord node) {
      publish(node);
      for (TableListener l : listeners) {
        try {
          l.nodeAdded(node);
        } catch (RuntimeException e) {
          LOG.warn("table listener failed", e);
        }
      }
    }

    @Override
    public void nodeRemoved(NodeRecord node) {
      for (TableListener l : listeners) {
        try {
          l.nodeRemoved(node);
        } catch (RuntimeException e) {
          LOG.warn("table listener failed", e);
        }
      }
    }
  }
}
