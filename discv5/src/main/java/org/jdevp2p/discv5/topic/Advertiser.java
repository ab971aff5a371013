package org.jdevp2p.discv5.topic;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * Keeps one topic advertised (discv5-theory.md "Advertisement placement", paper §4.3, topics.md
 * §6): in every bucket of the topic table, from d = 256 down to 1, up to K_register ({@link
 * AdvertiserConfig#registrationsPerBucket()}) registrars hold or are working toward an ad of ours.
 * An attempt sends REGTOPIC without a ticket, waits each ticket's wait time on the clock and comes
 * back with the latest ticket until admitted; an admitted ad is active for the lifetime the
 * registrar returned, after which its slot reopens and goes preferably to a registrar not used in
 * this cycle.
 *
 * <p>Driven by {@link #tick()} and by the request futures; both on one thread, no locks, no timers
 * of its own.
 */
final class Advertiser {

  /**
   * Tickets one attempt accepts before it gives up on the registrar: the paper's r, 10 in the
   * DISC-NG simulator (topics.md §6). A registrar that never admits us costs at most this many
   * round trips.
   */
  static final int MAX_TICKETS = 10;

  /** Placement runs at least this often, so new table members get used (topics.md §6). */
  static final Duration PLACEMENT_INTERVAL = Duration.ofSeconds(60);

  /**
   * The ad lifetime E and the longest single wait a registrar may ask for (discv5-theory.md: "the
   * wait time SHOULD NOT exceed E"); a longer ticket wait is a malformed answer, a longer lifetime
   * is cut to E.
   */
  static final Duration AD_LIFETIME = Duration.ofMinutes(15);

  /**
   * The shortest admission worth having (ours): an ad that lives less than the ticket window δ (10
   * s, topics.md §8) counts as a failed attempt. Without it a registrar admitting us for a moment
   * would have us re-register with it on every tick.
   */
  static final Duration MIN_AD_LIFETIME = Duration.ofSeconds(10);

  private final TopicTable table;
  private final TopicRequests requests;
  private final InstantSource clock;
  private final RandomGenerator random;

  /** K_register: registrations kept per bucket. */
  private final int perBucket;

  /** Registrations by bucket, index d = 1..256. */
  private final List<List<Slot>> slots = new ArrayList<>(TopicTable.MAX_DISTANCE + 1);

  /** Registrars used in the bucket's current cycle, index d = 1..256. */
  private final List<Set<NodeId>> used = new ArrayList<>(TopicTable.MAX_DISTANCE + 1);

  private Instant lastPlacement;
  private long placedAtVersion;
  private boolean placementDue = true;
  private boolean closed;

  Advertiser(
      TopicTable table,
      TopicRequests requests,
      AdvertiserConfig config,
      InstantSource clock,
      RandomGenerator random) {
    this.perBucket = config.registrationsPerBucket();
    this.table = Objects.requireNonNull(table, "table");
    this.requests = Objects.requireNonNull(requests, "requests");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    for (int d = 0; d <= TopicTable.MAX_DISTANCE; d++) {
      slots.add(new ArrayList<>(perBucket));
      used.add(new HashSet<>());
    }
  }

  /**
   * Does what is due: drops ads whose lifetime ended, retries attempts whose ticket wait is over,
   * and places new attempts after an expiry, a failure or a table change, and at least every {@link
   * #PLACEMENT_INTERVAL}.
   */
  void tick() {
    if (closed) return;
    Instant now = clock.instant();
    for (int d = TopicTable.MAX_DISTANCE; d >= 1; d--) {
      if (!anyDue(slots.get(d), now)) continue;
      // a copy: sending may settle at once and take the slot out of its bucket
      for (Slot slot : List.copyOf(slots.get(d))) {
        if (!isDue(slot, now) || !slots.get(d).contains(slot)) continue;
        if (slot.state == State.ACTIVE) {
          slots.get(d).remove(slot);
          placementDue = true;
        } else {
          send(slot);
        }
      }
    }
    if (placementDue
        || table.version() != placedAtVersion
        || !now.isBefore(lastPlacement.plus(PLACEMENT_INTERVAL))) {
      place(now);
    }
  }

  /** Whether the slot waits for nothing but the clock, and its time has come. */
  private static boolean isDue(Slot slot, Instant now) {
    return slot.state != State.SENT && !now.isBefore(slot.due);
  }

  private static boolean anyDue(List<Slot> bucket, Instant now) {
    for (Slot slot : bucket) if (isDue(slot, now)) return true;
    return false;
  }

  /**
   * Our record changed: tickets carry a digest of the old one, so attempts in progress start over
   * without a ticket (topics.md §6). Active ads stay until they expire.
   */
  void recordChanged() {
    Instant now = clock.instant();
    for (List<Slot> bucket : slots) {
      for (Slot slot : bucket) {
        if (slot.state == State.ACTIVE) continue;
        slot.attempt++; // an answer still on its way belongs to the old record
        slot.ticket = Bytes.EMPTY;
        slot.tickets = 0;
        slot.state = State.WAITING;
        slot.due = now;
      }
    }
  }

  /** Stops: no new attempts, answers still on their way are ignored, ads run out at registrars. */
  void close() {
    closed = true;
    slots.forEach(List::clear);
  }

  /** Registrars holding an ad of ours now. */
  int activeRegistrations() {
    return count(State.ACTIVE);
  }

  /** Attempts under way: a REGTOPIC in flight or a ticket wait running. */
  int pendingRegistrations() {
    return count(State.SENT) + count(State.WAITING);
  }

  /** The registrars holding an ad of ours now, farthest bucket first. */
  List<NodeRecord> activeRegistrars() {
    List<NodeRecord> out = new ArrayList<>();
    for (int d = TopicTable.MAX_DISTANCE; d >= 1; d--) {
      for (Slot s : slots.get(d)) if (s.state == State.ACTIVE) out.add(s.registrar);
    }
    return out;
  }

  private int count(State state) {
    int n = 0;
    for (List<Slot> bucket : slots) for (Slot s : bucket) if (s.state == state) n++;
    return n;
  }

  /**
   * Fills every bucket's free slots, farthest first, with registrars not used in the bucket's
   * current cycle. When all of a bucket's members have been used a new cycle starts (once per
   * placement, so registrars that fail at once cannot keep it looping), which also lets a small
   * bucket's only registrars serve again.
   */
  private void place(Instant now) {
    placementDue = false;
    lastPlacement = now;
    placedAtVersion = table.version();
    for (int d = TopicTable.MAX_DISTANCE; d >= 1; d--) {
      List<Slot> bucket = slots.get(d);
      boolean cycleRestarted = false;
      while (!closed && bucket.size() < perBucket) {
        List<NodeRecord> candidates = unused(d);
        if (candidates.isEmpty()) {
          if (cycleRestarted || table.bucket(d).isEmpty()) break;
          cycleRestarted = true;
          used.get(d).clear();
          for (Slot s : bucket) used.get(d).add(s.registrar.nodeId());
          continue;
        }
        NodeRecord registrar = candidates.get(random.nextInt(candidates.size()));
        used.get(d).add(registrar.nodeId());
        Slot slot = new Slot(registrar, d);
        bucket.add(slot);
        send(slot);
      }
    }
  }

  /**
   * The bucket's members that hold no slot and were not used in this cycle. Marks of nodes that
   * left the bucket are dropped here, so the marks never outnumber the bucket's members.
   */
  private List<NodeRecord> unused(int d) {
    List<NodeRecord> members = table.bucket(d);
    Set<NodeId> present = new HashSet<>();
    List<NodeRecord> out = new ArrayList<>();
    Set<NodeId> taken = used.get(d);
    for (NodeRecord r : members) {
      present.add(r.nodeId());
      if (!taken.contains(r.nodeId()) && !holds(d, r.nodeId())) out.add(r);
    }
    taken.retainAll(present);
    return out;
  }

  private boolean holds(int d, NodeId id) {
    for (Slot s : slots.get(d)) if (s.registrar.nodeId().equals(id)) return true;
    return false;
  }

  private void send(Slot slot) {
    slot.state = State.SENT;
    long attempt = ++slot.attempt;
    List<Integer> distances = table.distancesWithSpace(TopicRequests.MAX_DISTANCES, slot.distance);
    requests
        .regTopic(slot.registrar, table.topic().id(), slot.ticket, distances)
        .whenComplete((answer, failure) -> answered(slot, attempt, answer, failure));
  }

  private void answered(Slot slot, long attempt, Registration answer, Throwable failure) {
    if (closed || slot.attempt != attempt || !slots.get(slot.distance).contains(slot)) return;
    NodeId id = slot.registrar.nodeId();
    if (failure != null || answer.waitTime().isNegative()) {
      fail(slot);
      return;
    }
    Instant now = clock.instant();
    if (answer.admitted() && answer.waitTime().compareTo(MIN_AD_LIFETIME) < 0) {
      fail(slot);
      return;
    } else if (answer.admitted()) {
      table.succeeded(id);
      slot.state = State.ACTIVE;
      slot.ticket = Bytes.EMPTY;
      slot.due = now.plus(min(answer.waitTime(), AD_LIFETIME));
    } else if (answer.waitTime().compareTo(AD_LIFETIME) > 0) {
      fail(slot);
      return;
    } else {
      table.succeeded(id);
      if (++slot.tickets >= MAX_TICKETS) {
        fail(slot);
        return;
      }
      slot.state = State.WAITING;
      slot.ticket = answer.ticket();
      slot.due = now.plus(answer.waitTime());
    }
    table.addAuxiliary(answer.auxiliary(), requests);
  }

  /** Timeout, malformed answer or too many tickets: the slot goes to another registrar. */
  private void fail(Slot slot) {
    slots.get(slot.distance).remove(slot);
    table.failed(slot.registrar.nodeId());
    placementDue = true;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private enum State {
    /** REGTOPIC in flight. */
    SENT,
    /** Holding a ticket until {@code due}. */
    WAITING,
    /** Admitted until {@code due}. */
    ACTIVE
  }

  /** One registration: a registrar, and where the attempt or the ad stands. */
  private static final class Slot {
    final NodeRecord registrar;
    final int distance;
    State state = State.SENT;
    Instant due;
    Bytes ticket = Bytes.EMPTY;
    int tickets;

    /** Numbers the REGTOPICs sent, so an answer to an abandoned one is ignored. */
    long attempt;

    Slot(NodeRecord registrar, int distance) {
      this.registrar = registrar;
      this.distance = distance;
    }
  }
}
