package org.jdevp2p.discv5.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A lower bound decays one ms per ms since it was set (paper §6.1, topics.md §11.13). */
class LowerBoundTest {
  private final LowerBound bound = new LowerBound();

  @Test
  void aFreshValueAboveTheBoundIsUsed() {
    assertThat(bound.apply(500, 0)).isEqualTo(500);
  }

  @Test
  void aSmallerFreshValueGetsTheBoundLessTheElapsedTime() {
    bound.apply(500, 0);

    assertThat(bound.apply(10, 200)).isEqualTo(300);
  }

  @Test
  void aBoundWornAwayByTimeNoLongerHoldsUp() {
    bound.apply(500, 0);

    assertThat(bound.apply(10, 600)).isEqualTo(10);
  }

  @Test
  void aLargerFreshValueBecomesTheBoundFromNow() {
    bound.apply(500, 0);
    bound.apply(800, 100);

    assertThat(bound.apply(0, 300)).isEqualTo(600);
  }
}
