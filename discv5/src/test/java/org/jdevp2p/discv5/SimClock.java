package org.jdevp2p.discv5;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Virtual time for a simulation, and the discrete-event scheduler that moves it: actions queued by
 * the instant they are due, run in order on the caller's thread. Time jumps from one event to the
 * next, so an hour of a network's life costs only the work its events do. Every node's {@link
 * DiscoveryConfig#clock()} is this clock, so timeouts, revalidation and ad lifetimes all follow it.
 * Events due at the same instant run in the order they were scheduled, which keeps runs with the
 * same seed identical. Not thread-safe: one simulation, one thread.
 */
final class SimClock implements InstantSource {
  /** Where virtual time starts: any fixed instant would do; a fixed one makes runs repeatable. */
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /**
   * The events due at each instant, in the order they were scheduled, and those instants in a heap:
   * a network schedules a hundred events per millisecond, so most schedule calls only append to
   * their instant's queue, and the heap holds instants rather than events.
   */
  private final Map<Long, ArrayDeque<Runnable>> byInstant = new HashMap<>();

  private final PriorityQueue<Long> instants = new PriorityQueue<>();
  private long nowMillis;
  private long executed;

  /** {@link #instant()} of the last instant asked for: the nodes ask many times per event. */
  private Instant now = START;

  private long nowAt;

  @Override
  public Instant instant() {
    if (nowAt != nowMillis) {
      now = START.plusMillis(nowMillis);
      nowAt = nowMillis;
    }
    return now;
  }

  /** Virtual time since {@link #START}. */
  Duration elapsed() {
    return Duration.ofMillis(nowMillis);
  }

  /** Runs {@code action} once, {@code delay} from now. */
  void schedule(Duration delay, Runnable action) {
    if (delay.isNegative()) throw new IllegalArgumentException("delay < 0: " + delay);
    byInstant
        .computeIfAbsent(
            nowMillis + delay.toMillis(),
            at -> {
              instants.add(at);
              return new ArrayDeque<>();
            })
        .add(action);
  }

  /** Runs {@code action} first after {@code firstDelay}, then every {@code period}, forever. */
  void every(Duration firstDelay, Duration period, Runnable action) {
    if (period.isNegative() || period.isZero()) throw new IllegalArgumentException("period");
    schedule(
        firstDelay,
        () -> {
          action.run();
          every(period, period, action);
        });
  }

  /** Runs every event due within {@code duration} from now, then sets the clock to its end. */
  void runFor(Duration duration) {
    long end = nowMillis + duration.toMillis();
    while (!instants.isEmpty() && instants.peek() <= end) {
      nowMillis = instants.peek();
      ArrayDeque<Runnable> due = byInstant.get(nowMillis);
      // events an action schedules for this same instant join the end of this queue
      for (Runnable action = due.poll(); action != null; action = due.poll()) {
        executed++;
        action.run();
      }
      byInstant.remove(nowMillis);
      instants.poll();
    }
    nowMillis = end;
  }

  /** Events run so far: the simulation's own work counter. */
  long eventsRun() {
    return executed;
  }
}
