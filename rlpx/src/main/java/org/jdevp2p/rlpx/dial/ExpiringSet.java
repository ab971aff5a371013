package org.jdevp2p.rlpx.dial;

import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Keys that are remembered until their expiry (geth {@code p2p/util.go expHeap}): the dial history
 * and the inbound throttle. Expired keys are dropped on every call, so the set holds only what is
 * live. Not thread-safe: the pool guards it.
 */
final class ExpiringSet<K> {
  private record Entry<K>(K key, Instant expiry) {}

  private final InstantSource clock;
  private final Map<K, Instant> expiries = new HashMap<>();
  private final PriorityQueue<Entry<K>> byExpiry =
      new PriorityQueue<>((a, b) -> a.expiry().compareTo(b.expiry()));

  ExpiringSet(InstantSource clock) {
    this.clock = clock;
  }

  /** Remembers the key until {@code expiry}; a later expiry replaces an earlier one. */
  void add(K key, Instant expiry) {
    expire();
    Instant old = expiries.get(key);
    if (old != null && !old.isBefore(expiry)) return;
    expiries.put(key, expiry);
    byExpiry.add(new Entry<>(key, expiry));
  }

  boolean contains(K key) {
    expire();
    return expiries.containsKey(key);
  }

  int size() {
    expire();
    return expiries.size();
  }

  private void expire() {
    Instant now = clock.instant();
    while (!byExpiry.isEmpty() && !byExpiry.peek().expiry().isAfter(now)) {
      Entry<K> e = byExpiry.poll();
      // a superseded entry: the key was re-added with a later expiry
      if (e.expiry().equals(expiries.get(e.key()))) expiries.remove(e.key());
    }
  }
}
