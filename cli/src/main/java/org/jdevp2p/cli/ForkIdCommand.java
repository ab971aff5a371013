package org.jdevp2p.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.eth.EthEntry;
import org.jdevp2p.eth.ForkId;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The EIP-2124 fork id of a network at a given head, and the ENR eth entry that carries it. */
@Command(
    name = "forkid",
    mixinStandardHelpOptions = true,
    description = {
      "Print the EIP-2124 fork id (hash and next) of a network at a head block and time, and the"
          + " ENR eth entry (RLP hex) that carries it.",
      "Without --block and --time the head is the newest scheduled fork (its block and its"
          + " timestamp): the fork id of a synced node once every known fork has passed."
    })
final class ForkIdCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;
  @Mixin Verbosity verbosity;

  @Option(
      names = "--network",
      required = true,
      paramLabel = "NAME",
      description = "mainnet or sepolia.")
  String network;

  @Option(
      names = "--block",
      paramLabel = "N",
      converter = Uint64.class,
      description = "Head block number (default: the newest block fork).")
  Long block;

  @Option(
      names = "--time",
      paramLabel = "T",
      converter = Uint64.class,
      description = "Head block timestamp, unix seconds (default: the newest time fork).")
  Long time;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public void run() {
    ChainConfig chain = ChainConfig.byName(network);
    long headBlock = block != null ? block : newest(chain.blockForks(), 0);
    long headTime = time != null ? time : newest(chain.timeForks(), chain.genesisTime());
    ForkId id = chain.forkId(headBlock, headTime);
    Bytes ethEntry = new EthEntry(id).encode();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode o = JSON.createObjectNode();
      o.put("network", chain.name());
      o.put("networkId", chain.networkId());
      o.put("headBlock", unsigned(headBlock));
      o.put("headTime", unsigned(headTime));
      o.put("forkHash", id.hash().toHexString());
      o.put("forkNext", unsigned(id.next()));
      o.put("ethEntry", ethEntry.toHexString());
      out.println(o);
      return;
    }
    out.println("network:   " + chain.name() + " (network id " + chain.networkId() + ")");
    out.println(
        "head:      block "
            + Long.toUnsignedString(headBlock)
            + ", time "
            + Long.toUnsignedString(headTime));
    out.println("fork hash: " + id.hash().toHexString());
    out.println("fork next: " + Long.toUnsignedString(id.next()));
    out.println("eth entry: " + ethEntry.toHexString());
  }

  /** The last (largest) fork of a list, or {@code none} when the chain has no such forks. */
  private static long newest(List<Long> forks, long none) {
    return forks.isEmpty() ? none : forks.getLast();
  }

  private static BigInteger unsigned(long value) {
    return new BigInteger(Long.toUnsignedString(value));
  }

  /** Block numbers and timestamps are uint64: 0 to 18446744073709551615. */
  static final class Uint64 implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return Long.parseUnsignedLong(value);
    }
  }
}
