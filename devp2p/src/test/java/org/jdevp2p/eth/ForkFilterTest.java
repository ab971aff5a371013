package org.jdevp2p.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ForkFilterTest {

  /** geth's TestValidation runs its block-only cases on mainnet with every time fork removed. */
  private static final ChainConfig MAINNET_WITHOUT_TIME_FORKS =
      new ChainConfig(
          "mainnet without time forks",
          1,
          ChainConfig.MAINNET.genesisHash(),
          0,
          ChainConfig.MAINNET.forks().stream()
              .filter(fork -> fork.kind() == Fork.Kind.BLOCK)
              .toList());

  static Stream<Arguments> validationVectors() {
    List<Arguments> cases = new ArrayList<>();
    ForkIdVectors.JSON
        .get("validation")
        .properties()
        .forEach(
            set -> {
              ChainConfig chain =
                  switch (set.getKey()) {
                    case "eip2124_mainnet_petersburg_capped" ->
                        ForkIdVectors.chain("mainnet_petersburg_capped");
                    case "geth_mainnet_without_time_forks" -> MAINNET_WITHOUT_TIME_FORKS;
                    case "geth_mainnet_full" -> ChainConfig.MAINNET;
                    default -> null; // "comment" and "special_hash_origins" hold no cases
                  };
              if (chain == null) return;
              int index = 0;
              for (JsonNode v : set.getValue()) {
                long block = ForkIdVectors.uint64(v, "local_head");
                long time = ForkIdVectors.uint64(v, "local_time");
                ForkId remote = ForkIdVectors.forkId(v, "remote_fork_hash", "remote_fork_next");
                cases.add(
                    Arguments.of(
                        set.getKey()
                            + " #"
                            + index++
                            + ": head "
                            + block
                            + "/"
                            + time
                            + ", remote "
                            + remote,
                        chain,
                        block,
                        time,
                        remote,
                        expected(v.get("expect"))));
              }
            });
    return cases.stream();
  }

  private static ForkFilter.Result expected(JsonNode expect) {
    if (expect.isNull()) return ForkFilter.Result.OK;
    return switch (expect.asText()) {
      case "ErrRemoteStale" -> ForkFilter.Result.REMOTE_STALE;
      case "ErrLocalIncompatibleOrStale" -> ForkFilter.Result.LOCAL_INCOMPATIBLE;
      default -> throw new IllegalStateException("unknown expectation " + expect);
    };
  }

  @ParameterizedTest(name = "{0} -> {5}")
  @MethodSource("validationVectors")
  void validatesRemoteForkIdAsGethDoes(
      String name,
      ChainConfig chain,
      long block,
      long time,
      ForkId remote,
      ForkFilter.Result expected) {
    assertThat(ForkFilter.of(chain, () -> block, () -> time).validate(remote)).isEqualTo(expected);
  }

  @Test
  void readsTheLocalHeadOnEveryValidation() {
    AtomicLong head = new AtomicLong(7_279_999);
    ChainConfig chain = ForkIdVectors.chain("mainnet_petersburg_capped");
    ForkFilter filter = ForkFilter.of(chain, head::get, () -> 0);
    ForkId byzantiumUnawareOfPetersburg = new ForkId(chain.forkId(4_370_000, 0).hash(), 0);

    assertThat(filter.validate(byzantiumUnawareOfPetersburg)).isEqualTo(ForkFilter.Result.OK);
    head.set(7_280_000);
    assertThat(filter.validate(byzantiumUnawareOfPetersburg))
        .isEqualTo(ForkFilter.Result.REMOTE_STALE);
  }

  @Test
  void syncedFilterTakesItsHeadTimeFromTheClock() {
    List<Long> times = ChainConfig.MAINNET.timeForks();
    long osaka = times.get(times.size() - 3);
    long bpo1 = times.get(times.size() - 2);
    long lastBlockFork = ChainConfig.MAINNET.blockForks().getLast();
    ForkId osakaUnawareOfBpo1 =
        new ForkId(ChainConfig.MAINNET.forkId(lastBlockFork, osaka).hash(), 0);
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(bpo1 - 1));
    ForkFilter filter = ForkFilter.synced(ChainConfig.MAINNET, clock);

    assertThat(filter.validate(osakaUnawareOfBpo1)).isEqualTo(ForkFilter.Result.OK);
    clock.now = Instant.ofEpochSecond(bpo1);
    assertThat(filter.validate(osakaUnawareOfBpo1)).isEqualTo(ForkFilter.Result.REMOTE_STALE);
  }

  @Test
  void syncedFilterAcceptsTheGenesisForkIdOfANodeWithoutChain() {
    InstantSource now = InstantSource.fixed(Instant.ofEpochSecond(1_800_000_000L));
    assertThat(
            ForkFilter.synced(ChainConfig.SEPOLIA, now).validate(ChainConfig.SEPOLIA.forkId(0, 0)))
        .isEqualTo(ForkFilter.Result.OK);
  }

  @Test
  void rejectsAnotherChainsForkId() {
    ForkFilter mainnet = ForkFilter.of(ChainConfig.MAINNET, () -> 0, () -> 0);
    assertThat(mainnet.validate(ChainConfig.SEPOLIA.forkId(0, 0)))
        .isEqualTo(ForkFilter.Result.LOCAL_INCOMPATIBLE);
  }

  @Test
  void headAtMaxUint64PassesEveryForkAndIsAcceptedAsGethDoes() {
    long maxUint64 = -1L;
    ForkFilter filter = ForkFilter.of(ChainConfig.MAINNET, () -> maxUint64, () -> maxUint64);
    assertThat(filter.validate(new ForkId(Bytes.fromHexString("12345678"), 0)))
        .isEqualTo(ForkFilter.Result.OK);
  }

  @Test
  void onlyOkCountsAsAccepted() {
    assertThat(ForkFilter.Result.OK.accepted()).isTrue();
    assertThat(ForkFilter.Result.REMOTE_STALE.accepted()).isFalse();
    assertThat(ForkFilter.Result.LOCAL_INCOMPATIBLE.accepted()).isFalse();
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock implements InstantSource {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
