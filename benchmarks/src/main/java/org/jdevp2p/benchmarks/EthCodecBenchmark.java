package org.jdevp2p.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.rlpx.eth.ChainlessNode;
import org.jdevp2p.rlpx.eth.EthCodec;
import org.jdevp2p.rlpx.eth.EthMessage;
import org.jdevp2p.rlpx.eth.EthVersion;
import org.jdevp2p.rlpx.eth.GenesisBlock;
import org.jdevp2p.rlpx.eth.GetBlockBodies;
import org.jdevp2p.rlpx.eth.PooledTransactions;
import org.jdevp2p.rlpx.eth.Transactions;
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
 * eth decoding as a node without a chain meets it: the Status of every new peer, and the
 * transaction traffic geth pushes right after the handshake (a Transactions message of its {@code
 * maxTransactionAnnouncements} bound is read in full before it is dropped).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EthCodecBenchmark {
  /** geth maxTransactionAnnouncements: the most txs a Transactions message may carry. */
  private static final int TXS = 5000;

  private final Bytes status =
      wire(new ChainlessNode(GenesisBlock.MAINNET).status(EthVersion.ETH72));
  private final Bytes transactions = wire(new Transactions(legacyTransactions()));
  private final Bytes pooled = wire(new PooledTransactions(1, legacyTransactions()));
  private final Bytes getBodies =
      wire(new GetBlockBodies(1, Collections.nCopies(1024, Bytes32.ZERO)));

  /**
   * The message as the transport hands it over: one byte array. (tuweni's encoder returns
   * concatenated Bytes whose reads cost more per byte; decoding those is many times slower and not
   * what a peer's message looks like.)
   */
  private static Bytes wire(EthMessage message) {
    return Bytes.wrap(message.encode().toArray());
  }

  /** Legacy txs of 110 bytes: [nonce, gasPrice, gas, to, value, data, v, r, s]. */
  private static List<Bytes> legacyTransactions() {
    List<Bytes> txs = new ArrayList<>(TXS);
    for (int i = 0; i < TXS; i++) {
      int nonce = i;
      txs.add(
          RLP.encodeList(
              w -> {
                w.writeInt(nonce);
                w.writeLong(20_000_000_000L);
                w.writeInt(21_000);
                w.writeValue(Bytes.repeat((byte) 0x35, 20));
                w.writeLong(1_000_000_000_000_000L);
                w.writeValue(Bytes.EMPTY);
                w.writeInt(37);
                w.writeValue(Bytes.repeat((byte) 0x64, 32));
                w.writeValue(Bytes.repeat((byte) 0x52, 32));
              }));
    }
    return txs;
  }

  @Benchmark
  public EthMessage decodeStatus() {
    return EthCodec.decode(EthVersion.ETH72, 0x00, status);
  }

  /** 5000 legacy txs, 555 KB. */
  @Benchmark
  public EthMessage decodeTransactions() {
    return EthCodec.decode(EthVersion.ETH72, Transactions.CODE, transactions);
  }

  /** The same txs one level deeper, behind a request id. */
  @Benchmark
  public EthMessage decodePooledTransactions() {
    return EthCodec.decode(EthVersion.ETH72, PooledTransactions.CODE, pooled);
  }

  /** 1024 hashes, the most geth serves per request. */
  @Benchmark
  public EthMessage decodeGetBlockBodies() {
    return EthCodec.decode(EthVersion.ETH72, GetBlockBodies.CODE, getBodies);
  }
}
