package org.jdevp2p.rlpx;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CodecException;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.rlpx.CapabilityMux.Route;
import org.jdevp2p.rlpx.Disconnection.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "p2p" base protocol of one connection, above the framing: sends our Hello first, checks the
 * peer's, switches Snappy on, matches capabilities, keeps the peer alive with Ping/Pong and a read
 * deadline, routes sub-protocol messages through {@link CapabilityMux}, and ends the connection
 * with the right Disconnect reason. Added to the pipeline once the RLPx handshake has proven the
 * peer's key; all its state is confined to the channel's event loop.
 *
 * <p>Time comes from the event loop's ticker, so tests drive the timers with a mock ticker.
 */
final class P2pHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(P2pHandler.class);

  /** geth pingInterval: how often we ping a connected peer. */
  static final Duration PING_INTERVAL = Duration.ofSeconds(15);

  /**
   * geth frameReadTimeout: the longest a peer may stay silent. Twice the ping interval, so a live
   * peer always has answered a Ping in time.
   */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /**
   * geth frameWriteTimeout: the longest the peer may leave our writes unread (socket buffer full)
   * before we drop it.
   */
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(20);

  /**
   * How long the peer has to send its Hello once the RLPx handshake is done. geth's
   * handshakeTimeout (5 s) covers handshake and Hello together; we give each stage its own 5 s.
   */
  static final Duration HELLO_TIMEOUT = Duration.ofSeconds(5);

  /** geth discWriteTimeout: how long we wait for our Disconnect to be written before closing. */
  static final Duration DISCONNECT_WRITE_TIMEOUT = Duration.ofSeconds(1);

  /**
   * Bound on payload bytes queued for one peer and not yet written: two messages of the largest
   * size, so one big message can be queued behind another, while a peer that does not read costs at
   * most 32 MiB before it is dropped.
   */
  static final long MAX_QUEUED_BYTES = 2L * (SnappyCodec.MAX_UNCOMPRESSED_SIZE + 1);

  /**
   * Bound on Pings waiting for their Pong. A live peer answers within the read deadline, which sees
   * two keepalive pings; the rest of the room is for explicit {@link PeerConnection#ping}s.
   */
  static final int MAX_PENDING_PINGS = 16;

  private final P2pConfig config;
  private final PublicKey remoteKey;
  private final boolean inbound;
  private final PeerListener listener;
  private final ConnectionCounters counters;

  private ChannelHandlerContext ctx;
  private boolean started;
  private Hello remoteHello;
  private CapabilityMux mux;
  private Peer peer;
  private Disconnection disconnection;
  private long lastReadNanos;
  private ScheduledFuture<?> helloDeadline;
  private ScheduledFuture<?> pingTimer;
  private ScheduledFuture<?> readDeadline;
  private ScheduledFuture<?> writeDeadline;
  private final ArrayDeque<PendingPing> pendingPings = new ArrayDeque<>();

  P2pHandler(
      P2pConfig config,
      PublicKey remoteKey,
      boolean inbound,
      PeerListener listener,
      ConnectionCounters counters) {
    this.config = config;
    this.remoteKey = remoteKey;
    this.inbound = inbound;
    this.listener = listener;
    this.counters = counters;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    if (ctx.channel().isActive()) start();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    start();
    ctx.fireChannelActive();
  }

  /** Hello goes first, uncompressed; nothing else may precede it. */
  private void start() {
    if (started) return;
    started = true;
    lastReadNanos = now();
    write(config.hello());
    helloDeadline =
        schedule(
            () -> fail(FailureReason.HELLO_TIMEOUT, "no Hello within " + config.helloTimeout()),
            config.helloTimeout());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof MessageFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      if (disconnection != null) return; // closing: whatever still arrives is dropped
      lastReadNanos = now();
      if (frame.code() < P2pMessage.BASE_PROTOCOL_LENGTH) {
        onBaseMessage(frame.code(), frame.payload());
      } else {
        onCapabilityMessage(frame.code(), frame.payload());
      }
    } catch (RlpxException e) {
      fail(e.reason(), e.getMessage());
    } finally {
      frame.payload().release();
    }
  }

  private void onBaseMessage(int code, ByteBuf payload) {
    if (code > Pong.CODE) {
      if (remoteHello == null) throw beforeHello(code);
      return; // reserved p2p ids: geth discards them
    }
    if (code == Hello.CODE && payload.readableBytes() > Hello.MAX_SIZE) {
      throw new RlpxException(
          FailureReason.HELLO_TOO_LARGE, "Hello of " + payload.readableBytes() + " bytes");
    }
    P2pMessage message = P2pMessage.decode(code, bytes(payload));
    switch (message) {
      case Hello hello -> {
        if (remoteHello != null)
          throw new RlpxException(FailureReason.SECOND_HELLO, "second Hello");
        onHello(hello);
      }
      case Disconnect disconnect -> onDisconnect(disconnect);
      case Ping ping -> {
        if (remoteHello == null) throw beforeHello(code);
        write(new Pong());
      }
      case Pong pong -> {
        if (remoteHello == null) throw beforeHello(code);
        // Liveness is the read deadline; a Pong answers our oldest unanswered Ping.
        PendingPing answered = pendingPings.poll();
        if (answered != null && answered.result() != null) {
          answered.result().complete(Duration.ofNanos(now() - answered.sentNanos()));
        }
      }
    }
  }

  private static RlpxException beforeHello(int code) {
    return new RlpxException(
        FailureReason.MESSAGE_BEFORE_HELLO,
        "message 0x" + Integer.toHexString(code) + " before Hello");
  }

  private void onHello(Hello hello) {
    // Order of checks as geth: identity, then self, then capabilities.
    if (!hello.nodeKey().equals(remoteKey)) {
      throw new RlpxException(
          FailureReason.UNEXPECTED_IDENTITY, "Hello node key differs from the handshake key");
    }
    if (hello.nodeKey().equals(config.localKey())) {
      throw new RlpxException(FailureReason.SELF, "connected to ourselves");
    }
    helloDeadline.cancel(false);
    remoteHello = hello;
    // geth SetSnappy(their.Version >= snappyProtocolVersion): both directions, from here on.
    if (hello.protocolVersion() >= Hello.SNAPPY_PROTOCOL_VERSION) {
      ctx.pipeline().addBefore(ctx.name(), "snappy", new SnappyCodec());
    }
    CapabilityMux matched = CapabilityMux.match(config.capabilities(), hello.capabilities());
    if (matched.isEmpty()) {
      throw new RlpxException(
          FailureReason.USELESS_PEER,
          "no shared capability: peer offers "
              + hello.capabilities()
              + ", we run "
              + config.hello().capabilities());
    }
    mux = matched;
    peer = new Peer(ctx.channel(), this, remoteKey, inbound, hello, mux, config.maxQueuedBytes());
    pingTimer =
        ctx.executor()
            .scheduleAtFixedRate(
                () -> sendPing(null),
                config.pingInterval().toNanos(),
                config.pingInterval().toNanos(),
                TimeUnit.NANOSECONDS);
    readDeadline = schedule(this::checkReadDeadline, config.readTimeout());
    for (Route route : mux.routes()) {
      try {
        route.handler().onConnect(peer);
      } catch (RuntimeException e) {
        fail(FailureReason.SUBPROTOCOL_ERROR, route.capability() + " failed to start: " + e);
        return;
      }
    }
    if (disconnection == null) listener.connected(peer);
  }

  private void onDisconnect(Disconnect disconnect) {
    disconnection = new Disconnection(disconnect.reason(), Side.REMOTE);
    cancelTimers();
    ctx.channel().close();
  }

  private void onCapabilityMessage(int code, ByteBuf payload) {
    if (remoteHello == null) throw beforeHello(code);
    Route route = mux.route(code);
    if (route == null) {
      throw new RlpxException(
          FailureReason.UNKNOWN_MESSAGE_ID,
          "message id 0x" + Integer.toHexString(code) + " is outside " + mux.capabilities());
    }
    try {
      route.handler().onMessage(peer, code - route.offset(), bytes(payload));
    } catch (Exception e) {
      LOG.debug("{} handler failed for {}", route.capability(), peer, e);
      fail(FailureReason.SUBPROTOCOL_ERROR, route.capability() + " handler failed: " + e);
    }
  }

  private void checkReadDeadline() {
    if (disconnection != null) return;
    long now = now();
    // While we do not read (the peer does not read our writes), silence is not the peer's fault.
    if (!ctx.channel().config().isAutoRead()) lastReadNanos = now;
    long idle = now - lastReadNanos;
    long limit = config.readTimeout().toNanos();
    if (idle >= limit) {
      fail(FailureReason.READ_TIMEOUT, "nothing read for " + config.readTimeout());
    } else {
      readDeadline = ctx.executor().schedule(this::checkReadDeadline, limit - idle, NANOS);
    }
  }

  /**
   * Respects back-pressure: while the socket's send buffer is full we stop reading from the peer
   * (requests it sends would only pile up answers), and a peer that stays unwritable past the write
   * deadline is dropped.
   */
  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    boolean writable = ctx.channel().isWritable();
    ctx.channel().config().setAutoRead(writable);
    if (!writable && writeDeadline == null && disconnection == null) {
      writeDeadline =
          schedule(
              () -> fail(FailureReason.WRITE_STALLED, "unwritable for " + config.writeTimeout()),
              config.writeTimeout());
    } else if (writable && writeDeadline != null) {
      writeDeadline.cancel(false);
      writeDeadline = null;
    }
    ctx.fireChannelWritabilityChanged();
  }

  /** Called by {@link Peer} when a send would pass the outbound bound. */
  void queueOverflow(long bound) {
    fail(FailureReason.WRITE_STALLED, "outbound queue would pass " + bound + " bytes");
  }

  /** Called by {@link Peer#disconnect}: a local decision, not a failure. */
  void disconnectLocally(Disconnect.Reason reason) {
    closeWith(reason, true);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable c =
        cause instanceof CodecException && cause.getCause() != null ? cause.getCause() : cause;
    switch (c) {
      case RlpxException e -> fail(e.reason(), e.getMessage());
      case IOException e -> fail(FailureReason.NETWORK_ERROR, e.toString());
      default -> {
        LOG.debug("unexpected error on {}", ctx.channel(), c);
        fail(FailureReason.INTERNAL_ERROR, c.toString());
      }
    }
  }

  /** Ends the connection because of a failure: counted, then Disconnect with its reason. */
  private void fail(FailureReason failure, String detail) {
    if (disconnection != null) return;
    LOG.debug("dropping {}: {} ({})", ctx.channel().remoteAddress(), failure, detail);
    counters.increment(failure);
    // When the peer does not read, or the socket broke, a Disconnect cannot reach it.
    boolean canSend =
        failure != FailureReason.WRITE_STALLED && failure != FailureReason.NETWORK_ERROR;
    closeWith(disconnectReason(failure), canSend);
  }

  /**
   * The Disconnect reason a failure earns, by the spec's reason table. geth is blunter: any error
   * on its read path (bad RLP, an id outside every capability) goes out as 0x01 "network error"; we
   * send 0x02 "breach of protocol" for those, as the table describes them.
   */
  static Disconnect.Reason disconnectReason(FailureReason failure) {
    return switch (failure) {
      case INVALID_IDENTITY -> Disconnect.Reason.INVALID_IDENTITY;
      case UNEXPECTED_IDENTITY -> Disconnect.Reason.UNEXPECTED_IDENTITY;
      case SELF -> Disconnect.Reason.SELF;
      case USELESS_PEER -> Disconnect.Reason.USELESS_PEER;
      case TOO_MANY_PENDING -> Disconnect.Reason.TOO_MANY_PEERS;
      case HELLO_TIMEOUT, READ_TIMEOUT, HANDSHAKE_TIMEOUT -> Disconnect.Reason.READ_TIMEOUT;
      case SUBPROTOCOL_ERROR -> Disconnect.Reason.SUBPROTOCOL_ERROR;
      case WRITE_STALLED, NETWORK_ERROR, INTERNAL_ERROR, HANDSHAKE_CLOSED_EARLY ->
          Disconnect.Reason.NETWORK_ERROR;
      // bad bytes of any layer: RLP, Snappy, ids, Hello, handshake and frame MACs
      default -> Disconnect.Reason.PROTOCOL_ERROR;
    };
  }

  private void closeWith(Disconnect.Reason reason, boolean sendDisconnect) {
    if (disconnection != null) return;
    disconnection = new Disconnection(reason, Side.LOCAL);
    cancelTimers();
    if (!sendDisconnect || !ctx.channel().isActive()) {
      ctx.channel().close();
      return;
    }
    ScheduledFuture<?> guard = schedule(() -> ctx.channel().close(), DISCONNECT_WRITE_TIMEOUT);
    write(new Disconnect(reason))
        .addListener(
            f -> {
              guard.cancel(false);
              ctx.channel().close();
            });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelTimers();
    for (PendingPing p : pendingPings) {
      if (p.result() != null) p.result().completeExceptionally(new ClosedChannelException());
    }
    pendingPings.clear();
    if (disconnection == null) {
      FailureReason lower = counters.firstFailure();
      if (lower != null) {
        // the framing stage found bad bytes and closed the channel itself (geth: drop, no reason)
        disconnection = new Disconnection(disconnectReason(lower), Side.LOCAL);
      } else {
        disconnection = new Disconnection(Disconnect.Reason.NETWORK_ERROR, Side.REMOTE);
        counters.increment(FailureReason.NETWORK_ERROR);
      }
    }
    if (peer != null) {
      for (Route route : mux.routes()) {
        try {
          route.handler().onDisconnect(peer, disconnection);
        } catch (RuntimeException e) {
          LOG.debug("{} failed on disconnect of {}", route.capability(), peer, e);
        }
      }
    }
    listener.closed(ctx.channel(), peer, disconnection);
    ctx.fireChannelInactive();
  }

  private ChannelFuture write(P2pMessage message) {
    ByteBuf payload = Unpooled.wrappedBuffer(message.encode().toArrayUnsafe());
    return ctx.writeAndFlush(new MessageFrame(message.code(), payload));
  }

  /** A Ping we sent: when, and who waits for its Pong (null for keepalive pings). */
  private record PendingPing(long sentNanos, CompletableFuture<Duration> result) {}

  /** Called by {@link Peer#ping}. */
  void ping(CompletableFuture<Duration> result) {
    if (disconnection != null || peer == null) {
      result.completeExceptionally(new ClosedChannelException());
    } else if (pendingPings.size() >= MAX_PENDING_PINGS) {
      result.completeExceptionally(new IllegalStateException("too many unanswered pings"));
    } else {
      sendPing(result);
    }
  }

  private void sendPing(CompletableFuture<Duration> result) {
    if (pendingPings.size() < MAX_PENDING_PINGS) {
      pendingPings.add(new PendingPing(now(), result));
    }
    write(new Ping());
  }

  private void cancelTimers() {
    for (ScheduledFuture<?> t :
        new ScheduledFuture<?>[] {helloDeadline, pingTimer, readDeadline, writeDeadline}) {
      if (t != null) t.cancel(false);
    }
  }

  private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    return ctx.executor().schedule(task, delay.toNanos(), NANOS);
  }

  private long now() {
    return ctx.executor().ticker().nanoTime();
  }

  private static Bytes bytes(ByteBuf buf) {
    return Bytes.wrap(ByteBufUtil.getBytes(buf));
  }

  private static final TimeUnit NANOS = TimeUnit.NANOSECONDS;
}
