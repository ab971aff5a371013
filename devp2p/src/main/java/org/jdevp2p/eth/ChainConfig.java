package org.jdevp2p.eth;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes32;

/**
 * What a node needs to know about a chain for devp2p: its network id, genesis and fork schedule.
 * The schedules of {@link #MAINNET} and {@link #SEPOLIA} follow geth's {@code params/config.go}
 * (v1.17.5), listing every fork field geth sets, including the ones at genesis and the ones that
 * share a block, because EIP-2124 skips those by rule ({@link #blockForks()}, {@link
 * #timeForks()}).
 *
 * @param genesisTime the genesis block's timestamp; time forks at or before it are not forks
 */
public record ChainConfig(
    String name, long networkId, Bytes32 genesisHash, long genesisTime, List<Fork> forks) {

  /** Ethereum mainnet (network id 1, genesis timestamp 0). */
  public static final ChainConfig MAINNET =
      new ChainConfig(
          "mainnet",
          1,
          Bytes32.fromHexString("d4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3"),
          0,
          List.of(
              Fork.block("Homestead", 1_150_000),
              Fork.block("DAO", 1_920_000),
              Fork.block("EIP150 (Tangerine Whistle)", 2_463_000),
              Fork.block("EIP155 (Spurious Dragon)", 2_675_000),
              Fork.block("EIP158 (Spurious Dragon)", 2_675_000),
              Fork.block("Byzantium", 4_370_000),
              Fork.block("Constantinople", 7_280_000),
              Fork.block("Petersburg", 7_280_000),
              Fork.block("Istanbul", 9_069_000),
              Fork.block("Muir Glacier", 9_200_000),
              Fork.block("Berlin", 12_244_000),
              Fork.block("London", 12_965_000),
              Fork.block("Arrow Glacier", 13_773_000),
              Fork.block("Gray Glacier", 15_050_000),
              Fork.timestamp("Shanghai", 1_681_338_455),
              Fork.timestamp("Cancun", 1_710_338_135),
              Fork.timestamp("Prague", 1_746_612_311),
              Fork.timestamp("Osaka", 1_764_798_551),
              Fork.timestamp("BPO1", 1_765_290_071),
              Fork.timestamp("BPO2", 1_767_747_671)));

  /**
   * Sepolia (network id 11155111). Every fork up to London is at block 0, so the first fork id
   * change is MergeNetsplit.
   */
  public static final ChainConfig SEPOLIA =
      new ChainConfig(
          "sepolia",
          11_155_111,
          Bytes32.fromHexString("25a5cc106eea7138acab33231d7160d69cb777ee0c2c553fcddf5138993e6dd9"),
          1_633_267_481,
          List.of(
              Fork.block("Homestead", 0),
              Fork.block("EIP150 (Tangerine Whistle)", 0),
              Fork.block("EIP155 (Spurious Dragon)", 0),
              Fork.block("EIP158 (Spurious Dragon)", 0),
              Fork.block("Byzantium", 0),
              Fork.block("Constantinople", 0),
              Fork.block("Petersburg", 0),
              Fork.block("Istanbul", 0),
              Fork.block("Muir Glacier", 0),
              Fork.block("Berlin", 0),
              Fork.block("London", 0),
              Fork.block("MergeNetsplit", 1_735_371),
              Fork.timestamp("Shanghai", 1_677_557_088),
              Fork.timestamp("Cancun", 1_706_655_072),
              Fork.timestamp("Prague", 1_741_159_776),
              Fork.timestamp("Osaka", 1_760_427_360),
              Fork.timestamp("BPO1", 1_761_017_184),
              Fork.timestamp("BPO2", 1_761_607_008)));

  private static final List<ChainConfig> KNOWN = List.of(MAINNET, SEPOLIA);

  public ChainConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(genesisHash, "genesis hash");
    forks = List.copyOf(forks);
  }

  /**
   * {@code "mainnet"} or {@code "sepolia"}, in any case.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static ChainConfig byName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return KNOWN.stream()
        .filter(chain -> chain.name.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown network '"
                        + name
                        + "' (known: "
                        + String.join(", ", KNOWN.stream().map(ChainConfig::name).toList())
                        + ")"));
  }

  /**
   * The fork id of a node whose head block has this number and timestamp (EIP-2124; geth {@code
   * forkid.NewID}): block forks are checked against the number, then time forks against the
   * timestamp. Both are unsigned.
   */
  public ForkId forkId(long headBlock, long headTime) {
    ForkHash hash = new ForkHash(genesisHash);
    for (long fork : blockForks()) {
      if (Long.compareUnsigned(fork, headBlock) > 0) return new ForkId(hash.bytes(), fork);
      hash.add(fork);
    }
    for (long fork : timeForks()) {
      if (Long.compareUnsigned(fork, headTime) > 0) return new ForkId(hash.bytes(), fork);
      hash.add(fork);
    }
    return new ForkId(hash.bytes(), 0);
  }

  /**
   * The block numbers at which the fork id changes: ascending, each once, without block 0 (the
   * genesis rules are not a fork). geth {@code gatherForks}.
   */
  public List<Long> blockForks() {
    return activations(Fork.Kind.BLOCK, 0);
  }

  /**
   * The timestamps at which the fork id changes: ascending, each once, without those at or before
   * the genesis timestamp (active from genesis). geth {@code gatherForks}.
   */
  public List<Long> timeForks() {
    return activations(Fork.Kind.TIMESTAMP, genesisTime);
  }

  private List<Long> activations(Fork.Kind kind, long activeAtGenesis) {
    return forks.stream()
        .filter(fork -> fork.kind() == kind)
        .map(Fork::activation)
        .filter(at -> Long.compareUnsigned(at, activeAtGenesis) > 0)
        .distinct()
        .sorted(Long::compareUnsigned)
        .toList();
  }
}
