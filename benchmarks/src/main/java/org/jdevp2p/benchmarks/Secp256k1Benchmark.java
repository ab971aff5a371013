package org.jdevp2p.benchmarks;

import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.Keccak256;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.crypto.Signature;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The curve operations a handshake is made of, one at a time, on the backend in use. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Secp256k1Benchmark {
  private final PrivateKey key = PrivateKey.random();
  private final PublicKey other = PrivateKey.random().publicKey();
  private final Bytes32 hash = Keccak256.hash(Bytes.of(1, 2, 3));
  private final Signature signature = key.sign(hash);

  @Benchmark
  public Bytes32 ecdh() {
    return key.agreeX(other);
  }

  @Benchmark
  public Signature sign() {
    return key.sign(hash);
  }

  @Benchmark
  public PublicKey recover() {
    return signature.recover(hash);
  }

  @Benchmark
  public boolean verify() {
    return signature.verify(hash, key.publicKey());
  }

  @Benchmark
  public PublicKey derivePublicKey() {
    return PrivateKey.random().publicKey();
  }
}
