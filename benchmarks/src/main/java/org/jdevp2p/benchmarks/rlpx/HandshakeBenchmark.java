package org.jdevp2p.benchmarks.rlpx;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.rlpx.Counters;
import org.jdevp2p.rlpx.HandshakeCompleted;
import org.jdevp2p.rlpx.handshake.AuthReplayCache;
import org.jdevp2p.rlpx.handshake.Handshake;
import org.jdevp2p.rlpx.handshake.HandshakeConfig;
import org.jdevp2p.rlpx.handshake.HandshakeHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Complete RLPx handshakes per second, both sides in this process over loopback TCP: connect, auth,
 * ack, secrets on both sides, framing in place. One pair is one dialer and one listener, each on
 * its own event loop thread; the two-pair benchmark runs two such pairs at once.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class HandshakeBenchmark {

  /** A listener and a dialer with their own keys and event loops. */
  @State(Scope.Thread)
  public static class Pair {
    private final Counters counters = Counters.create();
    private final HandshakeConfig config = HandshakeConfig.defaults();
    private final PrivateKey dialerKey = PrivateKey.random();
    private final PrivateKey listenerKey = PrivateKey.random();
    private EventLoopGroup listenerLoop;
    private EventLoopGroup dialerLoop;
    private Channel server;
    private Bootstrap dialer;
    private PublicKey listenerPublicKey;

    @Setup
    public void start() throws InterruptedException {
      listenerLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
      dialerLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
      listenerPublicKey = listenerKey.publicKey();
      Handshake.Responder responder =
          new Handshake.Responder(listenerKey, config, new AuthReplayCache());
      server =
          new ServerBootstrap()
              .group(listenerLoop)
              .channel(NioServerSocketChannel.class)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(HandshakeHandler.responder(responder, config, counters));
                    }
                  })
              .bind(new InetSocketAddress("127.0.0.1", 0))
              .sync()
              .channel();
      dialer =
          new Bootstrap()
              .group(dialerLoop)
              .channel(NioSocketChannel.class)
              .option(ChannelOption.TCP_NODELAY, true)
              // Reset instead of FIN on close: thousands of connections a second would otherwise
              // fill the ephemeral port range with TIME_WAIT sockets.
              .option(ChannelOption.SO_LINGER, 0)
              .remoteAddress(server.localAddress());
    }

    /**
     * Dials, waits until the dialer has its secrets (the listener derived its own before), closes.
     */
    HandshakeCompleted handshake() throws Exception {
      CompletableFuture<HandshakeCompleted> done = new CompletableFuture<>();
      Channel ch =
          dialer
              .clone()
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(
                              HandshakeHandler.initiator(
                                  dialerKey, listenerPublicKey, config, counters),
                              new ChannelInboundHandlerAdapter() {
                                @Override
                                public void userEventTriggered(
                                    ChannelHandlerContext ctx, Object e) {
                                  if (e instanceof HandshakeCompleted c) done.complete(c);
                                }

                                @Override
                                public void channelInactive(ChannelHandlerContext ctx) {
                                  done.completeExceptionally(
                                      new IllegalStateException("closed before the handshake"));
                                }

                                @Override
                                public void exceptionCaught(
                                    ChannelHandlerContext ctx, Throwable e) {
                                  ctx.close(); // a reset from the listener closing its side
                                }
                              });
                    }
                  })
              .connect()
              .sync()
              .channel();
      try {
        return done.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } finally {
        ch.close();
      }
    }

    @TearDown
    public void stop() throws InterruptedException {
      server.close().sync();
      dialerLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
      listenerLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  @Benchmark
  @Threads(1)
  public HandshakeCompleted onePair(Pair pair) throws Exception {
    return pair.handshake();
  }

  @Benchmark
  @Threads(2)
  public HandshakeCompleted twoPairs(Pair pair) throws Exception {
    return pair.handshake();
  }
}
