package org.jdevp2p.discv5;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.PriorityQueue;

/**
 * Virtual time for a simulation, and the discrete-event scheduler that moves it: a priority queue
 * of (time, action), run in order on the caller's thread. Time jumps from one event to the next, so
 * an hour of a network's life costs only the work its events do. Every node's {@link
 * DiscoveryConfig#clock()} is this clock, so timeouts, revalidation and ad lifetimes all follow it.
 * Events due at the same instant run in the order they were scheduled, which keeps runs with the
 * same seed identical. Not thread-safe: one simulation, one thread.
 */
final class SimClock implements InstantSource {
  /** Where virtual time starts: any fixed instant would do; a fixed one makes runs repeatable. */
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private record Event(long atMillis, long order, Runnable action) {}

  private final PriorityQueue<Event> queue =
      new PriorityQueue<>(
          (a, b) ->
              a.atMillis != b.atMillis
                  ? Long.compare(a.atMillis, b.atMillis)
                  : Long.compare(a.order, b.order));
  private long nowMillis;
  private long scheduled;
  private long executed;

  @Override
  public Instant instant() {
    return START.plusMillis(nowMillis);
  }

  /** Virtual time since {@link #START}. */
  Duration elapsed() {
    return Duration.ofMillis(nowMillis);
  }

  /** Runs {@code action} once, {@code delay} from now. */
  void schedule(Duration delay, Runnable action) {
    if (delay.isNegative()) throw new IllegalArgumentException("delay < 0: " + delay);
    queue.add(new Event(nowMillis + delay.toMillis(), scheduled++, action));
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
    while (!queue.isEmpty() && queue.peek().atMillis <= end) {
      Event e = queue.poll();
      nowMillis = e.atMillis;
      executed++;
      e.action.run();
    }
    nowMillis = end;
  }

  /** Events run so far: the simulation's own work counter. */
  long eventsRun() {
    return executed;
  }
}
