package org.jdevp2p.benchmarks.discv5;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full handshakes per second: a client with a fresh identity sends PING to one long-lived server,
 * which answers WHOAREYOU; the client's handshake packet (ECDH with an ephemeral key, id-nonce
 * signature, its ENR) carries the PING, and the PONG ends the operation. Starting and closing the
 * client happen outside the measured time (JMH's per-invocation setup).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class HandshakeBenchmark {
  /** How long the end of a trial waits for the clients still closing (each takes ~2 s). */
  static final long CLOSE_TIMEOUT_SECONDS = 60;

  /** The server every handshake goes to, and the implementation under test. */
  @State(Scope.Benchmark)
  public static class Server {
    @Param({"jdevp2p", "teku"})
    public String implementation;

    BenchNode node;

    /**
     * Closes used clients off the measuring thread: Teku's stop() waits about 2 s for Netty's
     * graceful shutdown, which would otherwise leave one handshake per iteration second.
     */
    ExecutorService closer;

    @Setup(Level.Trial)
    public void start() {
      node = Implementation.valueOf(implementation).start();
      closer = Executors.newVirtualThreadPerTaskExecutor();
    }

    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
      closer.shutdown();
      if (!closer.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("clients did not close in " + CLOSE_TIMEOUT_SECONDS + " s");
      }
      node.close();
    }
  }

  /** A client with an identity of its own, new for every handshake. */
  @State(Scope.Thread)
  public static class FreshClient {
    BenchNode node;

    @Setup(Level.Invocation)
    public void start(Server server) {
      node = Implementation.valueOf(server.implementation).start();
    }

    @TearDown(Level.Invocation)
    public void close(Server server) {
      server.closer.execute(node::close);
    }
  }

  @Benchmark
  @Threads(1)
  public void handshake(Server server, FreshClient client) {
    client.node.ping(server.node).join();
  }

  @Benchmark
  @Threads(2)
  public void handshakeTwoInParallel(Server server, FreshClient client) {
    client.node.ping(server.node).join();
  }
}
