package org.jdevp2p.benchmarks.discv5;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PING round trips per second between two nodes of one implementation over loopback, on a session
 * established before measuring: one at a time, and with a window of 16 in flight.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class PingBenchmark {
  /** Requests kept in flight by {@link #pingSixteenInFlight}, as in the geth figure. */
  static final int IN_FLIGHT = 16;

  /** Round trips per invocation of the windowed benchmark: enough that the ramp-up is noise. */
  static final int WINDOWED_PINGS = 1024;

  @Param({"jdevp2p", "teku"})
  public String implementation;

  private BenchNode server;
  private BenchNode client;

  /** The first failure of a windowed PING, reported at the end of its invocation. */
  private volatile Throwable failed;

  @Setup(Level.Trial)
  public void startNodes() {
    Implementation impl = Implementation.valueOf(implementation);
    server = impl.start();
    client = impl.start();
    client.ping(server).join(); // runs the handshake outside the measurement
  }

  @TearDown(Level.Trial)
  public void closeNodes() {
    client.close();
    server.close();
  }

  @Benchmark
  public void pingOneAtATime() {
    client.ping(server).join();
  }

  /**
   * One at a time as well, but each PING is sent from the callback that completes the previous one,
   * as protocol code built on the futures runs: the benchmark thread waits only for the last. This
   * leaves out the two hand-offs per round trip between the benchmark thread and the node's threads
   * that {@link #pingOneAtATime} pays (a goroutine in geth's benchmark pays neither).
   */
  @Benchmark
  @OperationsPerInvocation(WINDOWED_PINGS)
  public void pingChained() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    chain(WINDOWED_PINGS, done);
    done.join();
  }

  private void chain(int remaining, CompletableFuture<Void> done) {
    client
        .ping(server)
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                done.completeExceptionally(failure);
              } else if (remaining == 1) {
                done.complete(null);
              } else {
                chain(remaining - 1, done);
              }
            });
  }

  @Benchmark
  @OperationsPerInvocation(WINDOWED_PINGS)
  public void pingSixteenInFlight() throws InterruptedException {
    Semaphore window = new Semaphore(IN_FLIGHT);
    for (int i = 0; i < WINDOWED_PINGS; i++) {
      window.acquire();
      client
          .ping(server)
          .whenComplete(
              (ok, failure) -> {
                if (failure != null) {
                  failed = failure;
                }
                window.release();
              });
    }
    window.acquire(IN_FLIGHT);
    if (failed != null) {
      throw new IllegalStateException("a PING failed", failed);
    }
  }
}
