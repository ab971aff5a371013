package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.eth.ForkId;
import org.jdevp2p.rlpx.eth.EthHandler;
import org.junit.jupiter.api.Test;

/** Our ENR eth entry across mainnet's BPO1 fork (1765290071), with the clock in the test's hand. */
class EthEntryKeeperTest {
  private static final long BPO1 = 1_765_290_071L;
  private static final long BPO2 = 1_767_747_671L;

  /** The fork id of a node synced to the present: every block fork passed, head time = now. */
  private static final LongFunction<ForkId> SYNCED =
      now -> ChainConfig.MAINNET.forkId(15_050_000, now);

  private Instant now = Instant.ofEpochSecond(BPO1 - 10);
  private final InstantSource clock = () -> now;
  private final List<ForkId> published = new ArrayList<>();

  /** A timer that keeps its one pending task for the test to run. */
  private static final class ManualTimer implements EthHandler.Timer {
    Duration delay;
    Runnable task;

    @Override
    public Runnable schedule(Duration delay, Runnable task) {
      this.delay = delay;
      this.task = task;
      return () -> this.task = null;
    }

    void fire() {
      Runnable t = task;
      task = null;
      t.run();
    }
  }

  private final ManualTimer timer = new ManualTimer();

  private EthEntryKeeper keeper(LongFunction<ForkId> forkIdAt) {
    return new EthEntryKeeper(ChainConfig.MAINNET, forkIdAt, clock, timer, published::add);
  }

  @Test
  void publishesTheForkIdAtStartAndSetsATimerForTheNextFork() {
    keeper(SYNCED).start();

    assertThat(published).containsExactly(SYNCED.apply(BPO1 - 10));
    assertThat(published.getFirst().next()).isEqualTo(BPO1);
    assertThat(timer.delay).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void publishesTheNewForkIdWhenTheForkActivates() {
    keeper(SYNCED).start();
    ForkId before = published.getFirst();

    now = Instant.ofEpochSecond(BPO1);
    timer.fire();

    assertThat(published).hasSize(2);
    ForkId after = published.getLast();
    assertThat(after.hash()).isNotEqualTo(before.hash());
    assertThat(after.next()).isEqualTo(BPO2);
    assertThat(timer.delay).isEqualTo(Duration.ofSeconds(BPO2 - BPO1));
  }

  @Test
  void setsNoTimerOnceEveryForkHasPassed() {
    now = Instant.ofEpochSecond(BPO2);

    keeper(SYNCED).start();

    assertThat(published.getFirst()).isEqualTo(new ForkId(Bytes.fromHexString("07c9462e"), 0));
    assertThat(timer.task).isNull();
  }

  @Test
  void publishesNothingNewWhenTheAnnouncedForkIdDoesNotMove() {
    // what a node without a chain announces: the genesis fork id, whatever the time
    ForkId genesis = ChainConfig.MAINNET.forkId(0, 0);
    keeper(at -> genesis).start();

    now = Instant.ofEpochSecond(BPO1);
    timer.fire();

    assertThat(published).containsExactly(genesis);
  }

  @Test
  void aClosedKeeperCancelsItsTimer() {
    EthEntryKeeper keeper = keeper(SYNCED);
    keeper.start();

    keeper.close();

    assertThat(timer.task).isNull();
  }
}
