package org.jdevp2p.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.Keccak256;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.Secp256k1;
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
import org.openjdk.jmh.annotations.Warmup;

/** The curve operations a handshake is made of, one at a time, on each backend. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class Secp256k1Benchmark {
  @Param({"libsecp256k1", "bouncycastle"})
  public String backend;

  private Secp256k1 curve;
  private byte[] privateKey;
  private byte[] otherPublicKey;
  private byte[] hash;
  private byte[] signature;
  private byte[] publicKey;

  @Setup
  public void setUp() {
    curve =
        switch (backend) {
          case "libsecp256k1" -> Secp256k1.nativeLibrary();
          case "bouncycastle" -> Secp256k1.bouncyCastle();
          default -> throw new IllegalArgumentException("unknown backend " + backend);
        };
    privateKey = PrivateKey.random().bytes().toArray();
    otherPublicKey = PrivateKey.random().publicKey().bytes().toArray();
    hash = Keccak256.hash(Bytes.of(1, 2, 3)).toArray();
    signature = curve.sign(hash, privateKey);
    publicKey = curve.publicKey(privateKey);
  }

  @Benchmark
  public byte[] ecdh() {
    return curve.agreeX(privateKey, otherPublicKey);
  }

  @Benchmark
  public byte[] sign() {
    return curve.sign(hash, privateKey);
  }

  @Benchmark
  public byte[] recover() {
    return curve.recover(hash, signature);
  }

  @Benchmark
  public boolean verify() {
    return curve.verify(hash, Arrays.copyOf(signature, 64), publicKey);
  }

  @Benchmark
  public byte[] derivePublicKey() {
    return curve.publicKey(privateKey);
  }
}
