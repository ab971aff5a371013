package org.jdevp2p.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChainConfigTest {
  private static final Bytes32 GENESIS = Bytes32.fromHexString("0x01");

  @Test
  void mainnetHasGethsGenesisAndForkSchedule() {
    JsonNode vector = ForkIdVectors.chains().get("mainnet");
    assertThat(ChainConfig.MAINNET.genesisHash()).isEqualTo(ForkIdVectors.genesisHash("mainnet"));
    assertThat(ChainConfig.MAINNET.genesisTime()).isEqualTo(vector.get("genesis_time").asLong());
    assertThat(ChainConfig.MAINNET.networkId()).isEqualTo(1);
    assertThat(ChainConfig.MAINNET.blockForks())
        .isEqualTo(ForkIdVectors.uint64s(vector.get("block_forks")));
    assertThat(ChainConfig.MAINNET.timeForks())
        .isEqualTo(ForkIdVectors.uint64s(vector.get("time_forks")));
  }

  @Test
  void sepoliaHasGethsGenesisAndForkSchedule() {
    JsonNode vector = ForkIdVectors.chains().get("sepolia");
    assertThat(ChainConfig.SEPOLIA.genesisHash()).isEqualTo(ForkIdVectors.genesisHash("sepolia"));
    assertThat(ChainConfig.SEPOLIA.genesisTime()).isEqualTo(vector.get("genesis_time").asLong());
    assertThat(ChainConfig.SEPOLIA.networkId()).isEqualTo(11_155_111);
    assertThat(ChainConfig.SEPOLIA.blockForks())
        .isEqualTo(ForkIdVectors.uint64s(vector.get("block_forks_nonzero")));
    assertThat(ChainConfig.SEPOLIA.timeForks())
        .isEqualTo(ForkIdVectors.uint64s(vector.get("time_forks")));
  }

  static Stream<Arguments> creationVectors() {
    List<Arguments> cases = new ArrayList<>();
    ForkIdVectors.JSON
        .get("creation")
        .properties()
        .forEach(
            set -> {
              ChainConfig chain =
                  switch (set.getKey()) {
                    case "eip2124_mainnet_petersburg_capped" ->
                        ForkIdVectors.chain("mainnet_petersburg_capped");
                    case "geth_mainnet" -> ChainConfig.MAINNET;
                    case "geth_sepolia" -> ChainConfig.SEPOLIA;
                    default -> throw new IllegalStateException("unknown set " + set.getKey());
                  };
              for (JsonNode v : set.getValue()) {
                long block = ForkIdVectors.uint64(v, "head");
                long time = ForkIdVectors.uint64(v, "time");
                cases.add(
                    Arguments.of(
                        set.getKey() + " head " + block + " time " + time,
                        chain,
                        block,
                        time,
                        ForkIdVectors.forkId(v, "fork_hash", "fork_next")));
              }
            });
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("creationVectors")
  void forkIdAtHeadMatchesVector(
      String name, ChainConfig chain, long block, long time, ForkId expected) {
    assertThat(chain.forkId(block, time)).isEqualTo(expected);
  }

  static Stream<Arguments> cumulativeHashes() {
    List<Arguments> cases = new ArrayList<>();
    for (String key : List.of("mainnet", "sepolia")) {
      ChainConfig chain = ChainConfig.byName(key);
      for (JsonNode step : ForkIdVectors.chains().get(key).get("cumulative_fork_hashes")) {
        cases.add(
            Arguments.of(
                key + " after " + step.get("after").asText(),
                chain,
                step,
                step.get("fork_hash").asText()));
      }
    }
    return cases.stream();
  }

  /** The head exactly at each fork's activation carries the hash that includes that fork. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cumulativeHashes")
  void forkHashAtEachActivationMatchesVector(
      String name, ChainConfig chain, JsonNode step, String hash) {
    long lastBlockFork = chain.blockForks().getLast();
    ForkId id =
        switch (step.path("kind").asText("genesis")) {
          case "genesis" -> chain.forkId(0, chain.genesisTime());
          case "block" -> chain.forkId(ForkIdVectors.uint64(step, "activation"), 0);
          case "timestamp" -> chain.forkId(lastBlockFork, ForkIdVectors.uint64(step, "activation"));
          default -> throw new IllegalStateException("unknown kind in " + step);
        };
    assertThat(id.hash().toUnprefixedHexString()).isEqualTo(hash);
  }

  @Test
  void forksSharingABlockCountOnce() {
    ChainConfig twoAtTen = chain(0, Fork.block("A", 10), Fork.block("B", 10), Fork.block("C", 20));
    ChainConfig oneAtTen = chain(0, Fork.block("A", 10), Fork.block("C", 20));
    assertThat(twoAtTen.blockForks()).containsExactly(10L, 20L);
    assertThat(twoAtTen.forkId(15, 0)).isEqualTo(oneAtTen.forkId(15, 0));
  }

  @Test
  void forksAtBlockZeroAreGenesisRulesNotForks() {
    ChainConfig chain = chain(0, Fork.block("A", 0), Fork.block("B", 5));
    assertThat(chain.blockForks()).containsExactly(5L);
    assertThat(chain.forkId(0, 0)).isEqualTo(chain(0, Fork.block("B", 5)).forkId(0, 0));
  }

  @Test
  void timeForksAtOrBeforeGenesisTimeAreNotForks() {
    ChainConfig chain =
        chain(
            100,
            Fork.timestamp("before", 50),
            Fork.timestamp("at", 100),
            Fork.timestamp("after", 200));
    assertThat(chain.timeForks()).containsExactly(200L);
    assertThat(chain.forkId(0, 100).next()).isEqualTo(200);
  }

  @Test
  void timeForksAreOnlyPassedAfterEveryBlockFork() {
    ChainConfig chain = chain(0, Fork.timestamp("T", 10), Fork.block("B", 20));
    assertThat(chain.forkId(19, 1_000)).isEqualTo(chain.forkId(0, 0));
    assertThat(chain.forkId(19, 1_000).next()).isEqualTo(20);
    assertThat(chain.forkId(20, 1_000).next()).isZero();
  }

  @Test
  void forksAreSortedWhateverTheConfigOrder() {
    ChainConfig chain = chain(0, Fork.block("late", 30), Fork.block("early", 10));
    assertThat(chain.blockForks()).containsExactly(10L, 30L);
  }

  @Test
  void headsAreUnsigned() {
    long maxUint64 = -1L;
    ChainConfig chain = chain(0, Fork.block("B", 10), Fork.timestamp("T", 20));
    assertThat(chain.forkId(maxUint64, maxUint64)).isEqualTo(chain.forkId(10, 20));
  }

  @Test
  void byNameFindsMainnetAndSepoliaInAnyCase() {
    assertThat(ChainConfig.byName("mainnet")).isSameAs(ChainConfig.MAINNET);
    assertThat(ChainConfig.byName("Sepolia")).isSameAs(ChainConfig.SEPOLIA);
  }

  @Test
  void byNameRejectsAnUnknownNetworkNamingTheKnownOnes() {
    assertThatThrownBy(() -> ChainConfig.byName("holesky"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown network 'holesky' (known: mainnet, sepolia)");
  }

  private static ChainConfig chain(long genesisTime, Fork... forks) {
    return new ChainConfig("test", 0, GENESIS, genesisTime, List.of(forks));
  }
}
