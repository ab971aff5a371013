package org.jdevp2p.discv5.topic;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.discv5.topic.Registrar.Outcome;

/**
 * Registrants that come back with their latest ticket as soon as it lets them, in time order on a
 * virtual clock, until admitted: the advertiser's side of one registration (topics.md §6) without
 * the network.
 */
final class Retries {
  private record Attempt(
      Instant at, long seq, Registrant registrant, Bytes32 topic, Bytes ticket) {}

  private final Registrar registrar;
  private final VirtualClock clock;
  private final PriorityQueue<Attempt> queue =
      new PriorityQueue<>(Comparator.comparing(Attempt::at).thenComparingLong(Attempt::seq));
  private final Map<Registrant, Integer> tickets = new HashMap<>();
  private final Set<Registrant> admitted = new HashSet<>();
  private Runnable afterEach = () -> {};
  private long seq;

  Retries(Registrar registrar, VirtualClock clock) {
    this.registrar = registrar;
    this.clock = clock;
  }

  /** Runs {@code check} after every attempt. */
  Retries afterEach(Runnable check) {
    this.afterEach = check;
    return this;
  }

  /** A first attempt, without a ticket, now. */
  void start(Registrant r, Bytes32 topic) {
    queue.add(new Attempt(clock.instant(), seq++, r, topic, Bytes.EMPTY));
  }

  /** Makes every attempt due within {@code d} from now, then moves the clock to its end. */
  void runFor(Duration d) {
    Instant end = clock.instant().plus(d);
    while (!queue.isEmpty() && !queue.peek().at().isAfter(end)) {
      Attempt a = queue.poll();
      clock.advanceTo(a.at());
      switch (a.registrant().register(registrar, a.topic(), a.ticket())) {
        case Outcome.Admitted ignored -> admitted.add(a.registrant());
        case Outcome.Wait w -> {
          tickets.merge(a.registrant(), 1, Integer::sum);
          queue.add(
              new Attempt(
                  clock.instant().plus(w.waitTime()),
                  seq++,
                  a.registrant(),
                  a.topic(),
                  w.ticket()));
        }
        case Outcome.Refused r -> throw new AssertionError("refused: " + r.reason());
      }
      afterEach.run();
    }
    clock.advanceTo(end);
  }

  /** Runs until nobody is left waiting, at most {@code limit}; false if some still wait. */
  boolean runUntilAllAdmitted(Duration limit) {
    Instant end = clock.instant().plus(limit);
    while (!queue.isEmpty() && !queue.peek().at().isAfter(end)) {
      runFor(Duration.between(clock.instant(), queue.peek().at()));
    }
    return queue.isEmpty();
  }

  boolean admitted(Registrant r) {
    return admitted.contains(r);
  }

  /** Tickets {@code r} has been given so far. */
  int tickets(Registrant r) {
    return tickets.getOrDefault(r, 0);
  }
}
