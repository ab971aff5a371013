package org.jdevp2p.discv5;

import java.time.Instant;
import java.time.InstantSource;

/**
 * A token bucket: holds up to {@code capacity} tokens, refills {@code perSecond} tokens a second,
 * and each accepted event takes one. Time comes from an injected {@link InstantSource}. Not
 * thread-safe: owned by the discovery event loop.
 */
final class TokenBucket {
  private final double capacity;
  private final double perNano;
  private final InstantSource clock;
  private double tokens;
  private Instant last;

  TokenBucket(int capacity, int perSecond, InstantSource clock) {
    if (capacity < 1 || perSecond < 1) {
      throw new IllegalArgumentException("capacity and rate must be positive");
    }
    this.capacity = capacity;
    this.perNano = perSecond / 1e9;
    this.clock = clock;
    this.tokens = capacity;
    this.last = clock.instant();
  }

  /** Takes one token if there is one. */
  boolean tryTake() {
    refill();
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }

  /** True when the bucket is full again, so that its owner may forget it. */
  boolean isFull() {
    refill();
    return tokens >= capacity;
  }

  private void refill() {
    Instant now = clock.instant();
    long nanos = java.time.Duration.between(last, now).toNanos();
    if (nanos > 0) {
      tokens = Math.min(capacity, tokens + nanos * perNano);
      last = now;
    }
  }
}
