package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.jdevp2p.discv5.FairnessModel.Cache;
import org.jdevp2p.discv5.FairnessModel.Constants;
import org.jdevp2p.discv5.FairnessModel.Scenario;
import org.junit.jupiter.api.Test;

/**
 * The solver of eqs. 7–9 on cases small enough to solve by hand: capacity n = 4, P_occ = 1, b = 0,
 * where d = 2 makes the occupancy factor (1 − 2/4)^−1 = 2.
 */
class FairnessModelTest {
  private static final Constants HAND = new Constants(4, 1, 0);

  @Test
  void oneTopicOfSixRequestersFillsHalfTheCache() {
    // d = 6 / (1 + (0 + d/d)·2) = 6/3 = 2
    Cache c = FairnessModel.solve(new double[] {6}, HAND);

    assertThat(c.total()).isCloseTo(2, within(1e-9));
  }

  @Test
  void twoTopicsOfTwoRequestersEachHoldOneAdEach() {
    // d_i = 2 / (1 + (1/2)·2) = 1, d = 2
    Cache c = FairnessModel.solve(new double[] {2, 2}, HAND);

    assertThat(c.perTopic()).containsExactly(new double[] {1, 1}, within(1e-9));
  }

  @Test
  void theBaseTermLengthensEveryWait() {
    // b = 1: d = 6 / (1 + (1 + 1)·4/(4 − d)), so d² − 18d + 24 = 0 and d = 9 − √57
    Cache c = FairnessModel.solve(new double[] {6}, new Constants(4, 1, 1));

    assertThat(c.total()).isCloseTo(9 - Math.sqrt(57), within(1e-9));
  }

  @Test
  void aRegistrarInAFarTopicsLastBucketHearsFromKRegisterOfEveryHalfNetwork() {
    Scenario s = new Scenario(1000, 600, 0, 5);

    // N_b = 600/(1 + 2) = 200 advertisers of B; 200 · 5 / 500 = 2 reach registrar A
    assertThat(s.atA(2)[1]).isCloseTo(2, within(1e-9));
  }

  @Test
  void withoutAdmissionControlTheLoadFollowsTheRequesters() {
    Scenario s = new Scenario(1000, 600, 0, 5);

    // registrar A: 400 + 2 requesters; registrar B: 200 + 4
    assertThat(s.fixedWaitRatio(2)).isCloseTo(402.0 / 204, within(1e-9));
  }
}
