package org.jdevp2p.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.NodeRecordFactory;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.rlp.StrictRlp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Node records as discv5 handles them: every record in a NODES response is decoded and its
 * signature checked. Teku's decoder, which also verifies, runs beside ours on the same bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NodeRecordBenchmark {
  private final PrivateKey key = PrivateKey.random();
  private final NodeRecord.Builder builder = builder();
  private final NodeRecord record = builder.sign(key);
  private final Bytes encoded = record.encoded();
  private final String text = record.toText();

  private static NodeRecord.Builder builder() {
    try {
      return NodeRecord.builder()
          .seq(1)
          .ip(InetAddress.getByName("10.0.0.1"))
          .udp(30303)
          .tcp(30303);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Decode with every check, the signature included. */
  @Benchmark
  public NodeRecord decode() {
    return NodeRecord.decode(encoded);
  }

  /** The canonical-RLP walk alone, to see its share of decode. */
  @Benchmark
  public int strictRlp() {
    return StrictRlp.listItems(encoded).size();
  }

  @Benchmark
  public NodeRecord fromText() {
    return NodeRecord.fromText(text);
  }

  @Benchmark
  public NodeRecord sign() {
    return builder.sign(key);
  }

  /** Teku's discovery library on the same text; isValid checks the signature as we do. */
  @Benchmark
  public boolean tekuFromEnrAndVerify() {
    return NodeRecordFactory.DEFAULT.fromEnr(text).isValid();
  }
}
