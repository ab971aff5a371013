package org.jdevp2p.rlpx;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Failure counters the transport increments and the layers above (metrics, CLI, tests) read. One
 * instance is usually shared by every connection of a node, so implementations are thread-safe.
 */
public interface Counters {

  /** Counts one connection given up for this reason. */
  void increment(FailureReason reason);

  /** How many connections were given up for this reason so far. */
  long count(FailureReason reason);

  /** A lock-free in-memory implementation. */
  static Counters create() {
    return new Counters() {
      private final AtomicLongArray counts = new AtomicLongArray(FailureReason.values().length);

      @Override
      public void increment(FailureReason reason) {
        counts.incrementAndGet(reason.ordinal());
      }

      @Override
      public long count(FailureReason reason) {
        return counts.get(reason.ordinal());
      }
    };
  }
}
