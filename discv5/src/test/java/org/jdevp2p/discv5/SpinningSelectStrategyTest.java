package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.SelectStrategy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpinningSelectStrategyTest {

  @Test
  void withTasksWaitingItPollsOnceAndReturnsWhatIsReady() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    int strategy =
        new SpinningSelectStrategy(1_000_000_000L)
            .calculateStrategy(
                () -> {
                  polls.incrementAndGet();
                  return 0;
                },
                true);

    assertThat(strategy).isZero();
    assertThat(polls).hasValue(1);
  }

  @Test
  void returnsTheReadyEventsAsSoonAsAPollFindsThem() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    int strategy =
        new SpinningSelectStrategy(1_000_000_000L)
            .calculateStrategy(() -> polls.incrementAndGet() < 5 ? 0 : 2, false);

    assertThat(strategy).isEqualTo(2);
    assertThat(polls).hasValue(5);
  }

  @Test
  void sleepsWhenNothingComesWithinTheSpin() throws Exception {
    assertThat(new SpinningSelectStrategy(1_000).calculateStrategy(() -> 0, false))
        .isEqualTo(SelectStrategy.SELECT);
  }

  @Test
  void withoutASpinItSleepsAfterOneEmptyPoll() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    int strategy =
        new SpinningSelectStrategy(0)
            .calculateStrategy(
                () -> {
                  polls.incrementAndGet();
                  return 0;
                },
                false);

    assertThat(strategy).isEqualTo(SelectStrategy.SELECT);
    assertThat(polls).hasValue(1);
  }
}
