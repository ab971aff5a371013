package org.jdevp2p.rlpx.handshake;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.rlpx.Counters;
import org.jdevp2p.rlpx.FailureReason;
import org.jdevp2p.rlpx.HandshakeCompleted;
import org.jdevp2p.rlpx.MessageFrame;
import org.jdevp2p.rlpx.frame.FrameCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handshake and framing stages over real loopback sockets. Every bad-input scenario ends with
 * the bad connection closed, its reason counted, and a healthy connection opened before it still
 * working.
 */
class HandshakeHandlerTest {
  private static final long WAIT_SECONDS = 10;

  /** Short enough that deadline tests finish quickly, long enough for a loaded CI machine. */
  private static final Duration SERVER_TIMEOUT = Duration.ofSeconds(2);

  /** The server's frame limit, below the client's, for the oversized-frame test. */
  private static final int SERVER_MAX_FRAME = 64 * 1024;

  private static final byte[] GREETING = "hello".getBytes(US_ASCII);

  private final Random random = new Random(7);
  private final PrivateKey serverKey = PrivateKey.random();
  private final PrivateKey clientKey = PrivateKey.random();
  private final Counters serverCounters = Counters.create();
  private final Counters clientCounters = Counters.create();
  private final BlockingQueue<Peer> serverPeers = new LinkedBlockingQueue<>();
  private EventLoopGroup group;
  private Channel server;

  /**
   * The first handshake in a JVM pays for class loading and the curve's precomputation, which on a
   * busy machine can exceed the short server deadline: pay it here, outside any deadline.
   */
  @BeforeAll
  static void warmUp() {
    PrivateKey a = PrivateKey.random();
    PrivateKey b = PrivateKey.random();
    Handshake.Initiator initiator =
        new Handshake.Initiator(a, b.publicKey(), HandshakeConfig.defaults());
    initiator.readAck(
        new Handshake.Responder(b, HandshakeConfig.defaults(), new AuthReplayCache())
            .respond(initiator.authPacket())
            .ackPacket());
  }

  @BeforeEach
  void startServer() throws Exception {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    HandshakeConfig config =
        HandshakeConfig.builder().timeout(SERVER_TIMEOUT).maxFrameSize(SERVER_MAX_FRAME).build();
    Handshake.Responder responder =
        new Handshake.Responder(serverKey, config, new AuthReplayCache());
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                pipeline(
                    ch -> {
                      Peer peer = new Peer(true);
                      serverPeers.add(peer);
                      ch.pipeline()
                          .addLast(HandshakeHandler.responder(responder, config, serverCounters))
                          .addLast(peer);
                    }))
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
  }

  @AfterEach
  void stop() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void handshakeCompletesOnBothSidesAndFramesFlowBothWays() throws Exception {
    Peer client = new Peer(false);
    Channel channel = dial(server, client, HandshakeConfig.defaults());

    assertThat(client.completed.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(new HandshakeCompleted(serverKey.publicKey(), true));
    assertThat(serverPeer().completed.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(new HandshakeCompleted(clientKey.publicKey(), false));
    // The server greets as soon as it has sent the ack: the greeting may arrive with the ack.
    MessageFrame greeting = client.frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(greeting.code()).isZero();
    assertThat(Bytes.wrapByteBuf(greeting.payload())).isEqualTo(Bytes.wrap(GREETING));
    greeting.release();
    assertEchoes(channel, client);
    channel.close().sync();
  }

  @Test
  void firstFrameArrivingInTheSameWriteAsTheAckIsDecoded() throws Exception {
    // A responder that sends its ack and its first frame in one write: the initiator's handshake
    // handler must pass the bytes behind the ack to the framing handler.
    PrivateKey responderKey = PrivateKey.random();
    Handshake.Responder responder =
        new Handshake.Responder(responderKey, HandshakeConfig.defaults(), new AuthReplayCache());
    Channel eager =
        rawServer(
            () ->
                new AuthCollector(
                    (ctx, auth) -> {
                      Handshake.Response response = responder.respond(auth);
                      ByteBuf frame =
                          new FrameCodec(response.secrets(), HandshakeConfig.MAX_FRAME_SIZE)
                              .encode(0, Unpooled.wrappedBuffer(GREETING), ctx.alloc());
                      ctx.writeAndFlush(
                          Unpooled.wrappedBuffer(
                              Unpooled.wrappedBuffer(response.ackPacket()), frame));
                    }));
    Peer client = new Peer(false);

    Channel channel = dialKey(eager, responderKey, client, HandshakeConfig.defaults());
    MessageFrame greeting = client.frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(client.completed).isCompleted();
    assertThat(greeting).isNotNull();
    assertThat(Bytes.wrapByteBuf(greeting.payload())).isEqualTo(Bytes.wrap(GREETING));
    greeting.release();
    channel.close().sync();
    eager.close().sync();
  }

  @Test
  void randomBytesInsteadOfAnAuthCloseTheConnection() throws Exception {
    Healthy healthy = healthyConnection();
    byte[] junk = new byte[2 + 300];
    random.nextBytes(junk);
    junk[0] = 0x01; // size prefix 300: within the limit, so the junk reaches ECIES
    junk[1] = 0x2c;

    assertClosedByServer(sendRaw(junk));
    assertThat(serverCounters.count(FailureReason.HANDSHAKE_DECRYPT_FAILED)).isEqualTo(1);
    healthy.assertStillWorks();
  }

  @Test
  void truncatedAuthIsClosedAtTheDeadline() throws Exception {
    Healthy healthy = healthyConnection();
    byte[] auth = authFor(serverKey);
    byte[] truncated = new byte[auth.length / 2];
    System.arraycopy(auth, 0, truncated, 0, truncated.length);

    assertClosedByServer(sendRaw(truncated));
    assertThat(serverCounters.count(FailureReason.HANDSHAKE_TIMEOUT)).isEqualTo(1);
    healthy.assertStillWorks();
  }

  @Test
  void authWithBadMacCloseTheConnection() throws Exception {
    Healthy healthy = healthyConnection();
    byte[] auth = authFor(serverKey);
    auth[auth.length - 1] ^= 1;

    assertClosedByServer(sendRaw(auth));
    assertThat(serverCounters.count(FailureReason.HANDSHAKE_DECRYPT_FAILED)).isEqualTo(1);
    healthy.assertStillWorks();
  }

  @Test
  void silentPeerIsClosedAtTheDeadline() throws Exception {
    Healthy healthy = healthyConnection();

    assertClosedByServer(sendRaw(new byte[0]));
    assertThat(serverCounters.count(FailureReason.HANDSHAKE_TIMEOUT)).isEqualTo(1);
    healthy.assertStillWorks();
  }

  @Test
  void handshakeMessageOverTwoKibIsRefusedFromItsSizePrefix() throws Exception {
    Healthy healthy = healthyConnection();
    byte[] start = new byte[2 + 64];
    start[0] = 0x08; // size prefix 2049
    start[1] = 0x01;

    assertClosedByServer(sendRaw(start));
    assertThat(serverCounters.count(FailureReason.HANDSHAKE_TOO_LARGE)).isEqualTo(1);
    assertThat(serverCounters.count(FailureReason.HANDSHAKE_TIMEOUT)).isZero();
    healthy.assertStillWorks();
  }

  @Test
  void ackFromAPeerThatIsNotTheOneDialedFailsTheInitiator() throws Exception {
    Healthy healthy = healthyConnection();
    // An impostor at the address answers with a genuine ack it made for another node.
    PrivateKey impostorKey = PrivateKey.random();
    byte[] otherNodesAuth =
        new Handshake.Initiator(
                PrivateKey.random(), impostorKey.publicKey(), HandshakeConfig.defaults())
            .authPacket();
    byte[] foreignAck =
        new Handshake.Responder(impostorKey, HandshakeConfig.defaults(), new AuthReplayCache())
            .respond(otherNodesAuth)
            .ackPacket();
    Channel impostor =
        rawServer(
            () ->
                new AuthCollector(
                    (ctx, auth) -> ctx.writeAndFlush(Unpooled.wrappedBuffer(foreignAck))));
    Peer client = new Peer(false);

    Channel channel = dial(impostor, client, HandshakeConfig.defaults());
    assertThat(channel.closeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(clientCounters.count(FailureReason.HANDSHAKE_DECRYPT_FAILED)).isEqualTo(1);
    assertThat(client.completed).isNotDone();
    impostor.close().sync();
    healthy.assertStillWorks();
  }

  @Test
  void initiatorGivesUpOnASilentResponderAtItsDeadline() throws Exception {
    Channel silent = rawServer(() -> new AuthCollector((ctx, auth) -> {}));
    Peer client = new Peer(false);

    Channel channel =
        dial(silent, client, HandshakeConfig.builder().timeout(Duration.ofMillis(300)).build());
    assertThat(channel.closeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(clientCounters.count(FailureReason.HANDSHAKE_TIMEOUT)).isEqualTo(1);
    silent.close().sync();
  }

  @Test
  void frameWithBadHeaderMacClosesTheConnection() throws Exception {
    assertTamperedFrameIsCounted(0, FailureReason.BAD_HEADER_MAC);
  }

  @Test
  void frameWithBadBodyMacClosesTheConnection() throws Exception {
    assertTamperedFrameIsCounted(40, FailureReason.BAD_FRAME_MAC);
  }

  @Test
  void frameOverTheReceiverLimitClosesTheConnection() throws Exception {
    Healthy healthy = healthyConnection();
    Peer client = new Peer(false);
    Channel channel = dial(server, client, HandshakeConfig.defaults());
    client.awaitGreeting();

    channel.writeAndFlush(
        new MessageFrame(0x10, Unpooled.wrappedBuffer(new byte[SERVER_MAX_FRAME + 1])));
    assertThat(channel.closeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(serverCounters.count(FailureReason.FRAME_TOO_LARGE)).isEqualTo(1);
    healthy.assertStillWorks();
  }

  private void assertTamperedFrameIsCounted(int index, FailureReason reason) throws Exception {
    Healthy healthy = healthyConnection();
    Peer client = new Peer(false);
    Channel channel = dial(server, client, HandshakeConfig.defaults());
    client.awaitGreeting();
    channel.pipeline().addFirst(new FlipByte(index));

    channel.writeAndFlush(new MessageFrame(0x10, Unpooled.wrappedBuffer(new byte[64])));
    assertThat(channel.closeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(serverCounters.count(reason)).isEqualTo(1);
    healthy.assertStillWorks();
  }

  /** A connection that completed its handshake, to show a bad one leaves it alone. */
  private final class Healthy {
    private final Channel channel;
    private final Peer peer;

    Healthy() throws Exception {
      peer = new Peer(false);
      channel = dial(server, peer, HandshakeConfig.defaults());
      peer.awaitGreeting();
    }

    void assertStillWorks() throws Exception {
      assertThat(channel.isActive()).isTrue();
      assertEchoes(channel, peer);
      channel.close().sync();
    }
  }

  private Healthy healthyConnection() throws Exception {
    return new Healthy();
  }

  private void assertEchoes(Channel channel, Peer peer) throws Exception {
    byte[] payload = new byte[1000];
    random.nextBytes(payload);
    channel.writeAndFlush(new MessageFrame(0x11, Unpooled.wrappedBuffer(payload))).sync();
    MessageFrame echo = peer.frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(echo).isNotNull();
    assertThat(echo.code()).isEqualTo(0x11);
    assertThat(Bytes.wrapByteBuf(echo.payload())).isEqualTo(Bytes.wrap(payload));
    echo.release();
  }

  private Peer serverPeer() throws InterruptedException {
    return serverPeers.poll(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private byte[] authFor(PrivateKey recipient) {
    return new Handshake.Initiator(clientKey, recipient.publicKey(), HandshakeConfig.defaults())
        .authPacket();
  }

  private Channel dial(Channel target, Peer peer, HandshakeConfig config)
      throws InterruptedException {
    PrivateKey targetKey = target == server ? serverKey : PrivateKey.random();
    return dialKey(target, targetKey, peer, config);
  }

  private Channel dialKey(Channel target, PrivateKey targetKey, Peer peer, HandshakeConfig config)
      throws InterruptedException {
    return new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .handler(
            pipeline(
                ch ->
                    ch.pipeline()
                        .addLast(
                            HandshakeHandler.initiator(
                                clientKey, targetKey.publicKey(), config, clientCounters))
                        .addLast(peer)))
        .connect(target.localAddress())
        .sync()
        .channel();
  }

  /** Opens a plain TCP connection to the server and writes {@code bytes} on it. */
  private Channel sendRaw(byte[] bytes) throws InterruptedException {
    Channel channel =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(new Discard())
            .connect(server.localAddress())
            .sync()
            .channel();
    if (bytes.length > 0) channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).sync();
    return channel;
  }

  /** A plain TCP server whose connections each get a fresh {@code handler}. */
  private Channel rawServer(Supplier<ChannelHandler> handler) throws InterruptedException {
    return new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(pipeline(ch -> ch.pipeline().addLast(handler.get())))
        .bind(new InetSocketAddress("127.0.0.1", 0))
        .sync()
        .channel();
  }

  private static void assertClosedByServer(Channel channel) throws InterruptedException {
    assertThat(channel.closeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
  }

  private static ChannelInitializer<Channel> pipeline(Consumer<Channel> init) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        init.accept(ch);
      }
    };
  }

  /** The application end: records the handshake event and frames; a server peer echoes. */
  private static final class Peer extends ChannelInboundHandlerAdapter {
    final CompletableFuture<HandshakeCompleted> completed = new CompletableFuture<>();
    final BlockingQueue<MessageFrame> frames = new LinkedBlockingQueue<>();
    private final boolean server;

    Peer(boolean server) {
      this.server = server;
    }

    /** Waits for the handshake and the server's greeting, and drops the greeting. */
    void awaitGreeting() throws Exception {
      completed.get(WAIT_SECONDS, TimeUnit.SECONDS);
      frames.poll(WAIT_SECONDS, TimeUnit.SECONDS).release();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof HandshakeCompleted done) {
        completed.complete(done);
        if (server) {
          ctx.writeAndFlush(new MessageFrame(0, Unpooled.wrappedBuffer(GREETING)));
        }
      }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof MessageFrame frame) {
        if (server) {
          ctx.writeAndFlush(frame);
        } else {
          frames.add(frame);
        }
      } else {
        ReferenceCountUtil.release(msg);
        throw new AssertionError("unexpected " + msg);
      }
    }

    @Override
    public boolean isSharable() {
      return false;
    }
  }

  /** Swallows what arrives. */
  private static final class Discard extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
    }
  }

  /** Collects one size-prefixed handshake message and hands it to {@code onAuth}; then discards. */
  private static final class AuthCollector extends ChannelInboundHandlerAdapter {
    private final BiConsumer<ChannelHandlerContext, byte[]> onAuth;
    private ByteBuf received;
    private boolean done;

    AuthCollector(BiConsumer<ChannelHandlerContext, byte[]> onAuth) {
      this.onAuth = onAuth;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      received = ctx.alloc().buffer();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
      received.release();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      received.writeBytes(in);
      in.release();
      if (done || received.readableBytes() < 2) return;
      int length = 2 + received.getUnsignedShort(received.readerIndex());
      if (received.readableBytes() < length) return;
      byte[] auth = new byte[length];
      received.readBytes(auth);
      done = true;
      onAuth.accept(ctx, auth);
    }
  }

  /** Flips one byte of the next outgoing buffer: a frame damaged in transit. */
  private static final class FlipByte extends ChannelOutboundHandlerAdapter {
    private final int index;
    private boolean done;

    FlipByte(int index) {
      this.index = index;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (!done && msg instanceof ByteBuf buf && buf.readableBytes() > index) {
        done = true;
        int at = buf.readerIndex() + index;
        buf.setByte(at, buf.getByte(at) ^ 1);
      }
      ctx.write(msg, promise);
    }
  }
}
