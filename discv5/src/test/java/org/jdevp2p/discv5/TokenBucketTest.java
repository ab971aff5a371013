package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final ManualClock clock = new ManualClock();

  @Test
  void acceptsABurstUpToItsCapacityThenRefuses() {
    TokenBucket bucket = new TokenBucket(3, 1, clock);
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();
  }

  @Test
  void refillsAtItsRateAsTimePasses() {
    TokenBucket bucket = new TokenBucket(2, 10, clock);
    bucket.tryTake();
    bucket.tryTake();
    clock.advance(Duration.ofMillis(100)); // one token at 10 per second
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();
  }

  @Test
  void neverHoldsMoreThanItsCapacity() {
    TokenBucket bucket = new TokenBucket(2, 10, clock);
    clock.advance(Duration.ofHours(1));
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();
  }
}
