package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DistributionTest {

  @Test
  void theP99OfAHundredValuesIsTheNinetyNinthSmallest() {
    Distribution d = Distribution.of(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());

    assertThat(d.p99()).isEqualTo(99);
    assertThat(d.median()).isEqualTo(50);
    assertThat(d.max()).isEqualTo(100);
    assertThat(d.mean()).isEqualTo(50.5);
  }

  @Test
  void anEmptySampleHasNoCount() {
    assertThat(Distribution.of(new long[0]).count()).isZero();
  }
}
