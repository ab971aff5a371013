package org.jdevp2p.benchmarks.rlpx;

import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.node.Enode;
import org.jdevp2p.rlpx.Capability;
import org.jdevp2p.rlpx.PeerConnection;
import org.jdevp2p.rlpx.RlpxTransport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Messages through one RLPx connection over loopback TCP, the whole stack on both ends (Snappy,
 * framing, AES and MACs, Netty): the sender writes a batch of random messages, one send per
 * message, and the operation ends when the receiver's handler has them all. One operation moves
 * {@link #BATCH_BYTES} of payload, so MB/s = ops/s * 8.39.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ConnectionBenchmark {
  /** A capability of one message id for the benchmark's messages. */
  private static final Capability BENCH = new Capability("bench", 1, 1);

  /**
   * Payload bytes per operation: many 1 KiB messages, and 8 of 1 MiB, well under the transport's 32
   * MiB bound on bytes queued for one peer.
   */
  static final int BATCH_BYTES = 8 << 20;

  /** How long one batch may take before the benchmark fails instead of hanging. */
  private static final long BATCH_TIMEOUT_SECONDS = 60;

  @Param({"1024", "1048576"})
  public int size;

  private final AtomicInteger received = new AtomicInteger();
  private volatile int expected;
  private volatile CompletableFuture<Void> batchDone = new CompletableFuture<>();
  private RlpxTransport sender;
  private RlpxTransport receiver;
  private PeerConnection peer;
  private Bytes message;
  private int perBatch;

  @Setup
  public void connect() throws Exception {
    receiver =
        RlpxTransport.builder(PrivateKey.random())
            .listenAddress(new InetSocketAddress("127.0.0.1", 0))
            .eventLoopThreads(1)
            .capability(
                BENCH,
                (p, code, payload) -> {
                  if (received.incrementAndGet() == expected) batchDone.complete(null);
                })
            .build();
    receiver.start();
    sender =
        RlpxTransport.builder(PrivateKey.random())
            .listenAddress(null)
            .eventLoopThreads(1)
            .capability(BENCH, (p, code, payload) -> {})
            .build();
    sender.start();
    InetSocketAddress a = receiver.listenAddress();
    peer =
        sender
            .dial(new Enode(receiver.publicKey(), a.getAddress(), a.getPort(), a.getPort()))
            .get(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    byte[] random = new byte[size];
    new Random(size).nextBytes(random);
    message = Bytes.wrap(random);
    perBatch = BATCH_BYTES / size;
  }

  @Benchmark
  public int batch() throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    batchDone = done;
    received.set(0);
    expected = perBatch;
    for (int i = 0; i < perBatch; i++) peer.send(BENCH, 0, message);
    done.get(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return received.get();
  }

  @TearDown
  public void close() {
    sender.close();
    receiver.close();
  }
}
