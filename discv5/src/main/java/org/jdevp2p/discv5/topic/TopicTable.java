package org.jdevp2p.discv5.topic;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * The service table B(s) of one topic (discv5-theory.md "Topic Table", topics.md §5): verified,
 * topic-capable nodes bucketed by their log distance to the topic id, d = 1..256. The advertiser
 * picks its registrars from it and the searcher its TOPICQUERY targets. Seeded with the routing
 * table's verified nodes ({@link #add}) and refreshed with the auxiliary records registrars return
 * ({@link #addAuxiliary}). A node that fails {@link #FAILURES_BEFORE_EXCLUSION} times in a row
 * leaves the table and may not come back for a while; this is not a routing-table eviction.
 *
 * <p>Confined to one thread (the protocol's event loop or the simulator's); no locks.
 */
final class TopicTable {

  /** Nodes per bucket: the routing table's k = 16; the spec leaves it open (topics.md §11.11). */
  static final int BUCKET_SIZE = 16;

  /** Distances 1..256: the bit length of xor(topic, id), the FINDNODE convention (§11.5). */
  static final int MAX_DISTANCE = 256;

  /** Consecutive timeouts or bad answers before a node is excluded (topics.md §5, ours). */
  static final int FAILURES_BEFORE_EXCLUSION = 3;

  /** How long a first exclusion lasts; each further one doubles it (topics.md §5, ours). */
  static final Duration FIRST_EXCLUSION = Duration.ofMinutes(10);

  /** The longest exclusion: a node that misbehaved once an hour ago deserves another look. */
  static final Duration MAX_EXCLUSION = Duration.ofHours(1);

  /**
   * Excluded nodes remembered at once: a full table's worth. Beyond it the exclusion ending soonest
   * is forgotten, so a churn of failing ids cannot grow memory.
   */
  static final int MAX_EXCLUDED = MAX_DISTANCE * BUCKET_SIZE;

  /**
   * Auxiliary records being pinged at once: K_lookup answers of 8 records each fit (topics.md §8);
   * beyond it records are dropped, so a registrar flooding hints cannot make us ping the world.
   */
  static final int MAX_PENDING_PINGS = 40;

  private final Topic topic;
  private final NodeId topicId;
  private final NodeId self;
  private final InstantSource clock;
  private final List<Map<NodeId, Member>> buckets = new ArrayList<>(MAX_DISTANCE + 1);
  private final Map<NodeId, Exclusion> excluded = new HashMap<>();
  private final Set<NodeId> pinging = new HashSet<>();
  private int size;
  private long version;

  TopicTable(Topic topic, NodeId self, InstantSource clock) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.topicId = new NodeId(topic.id());
    this.self = Objects.requireNonNull(self, "self");
    this.clock = Objects.requireNonNull(clock, "clock");
    for (int d = 0; d <= MAX_DISTANCE; d++) buckets.add(new LinkedHashMap<>());
  }

  Topic topic() {
    return topic;
  }

  NodeId self() {
    return self;
  }

  /** The bucket a node belongs in: logdist(topic, id), 1..256 (0 only for the topic id itself). */
  int distance(NodeId id) {
    return topicId.logDistance(id);
  }

  /**
   * Adds a node whose liveness the caller verified, or replaces its record with a newer one.
   * Refused: nodes without {@link TopicCapability} (enr-entries/ng.md L19–23), ourselves, excluded
   * nodes, and newcomers to a full bucket.
   *
   * @return whether the table changed
   */
  boolean add(NodeRecord verified) {
    NodeId id = verified.nodeId();
    int d = distance(id);
    if (d == 0 || id.equals(self) || !TopicCapability.isCapable(verified) || isExcluded(id)) {
      return false;
    }
    Map<NodeId, Member> bucket = buckets.get(d);
    Member member = bucket.get(id);
    if (member != null) {
      if (!verified.isNewerThan(member.record)) return false;
      member.record = verified;
    } else {
      if (bucket.size() >= BUCKET_SIZE) return false;
      bucket.put(id, new Member(verified));
      size++;
    }
    version++;
    return true;
  }

  /** The members at distance d, oldest first; empty for a distance outside 1..256. */
  List<NodeRecord> bucket(int d) {
    if (d < 1 || d > MAX_DISTANCE) return List.of();
    Map<NodeId, Member> bucket = buckets.get(d);
    if (bucket.isEmpty()) return List.of();
    List<NodeRecord> out = new ArrayList<>(bucket.size());
    for (Member m : bucket.values()) out.add(m.record);
    return out;
  }

  /** Members in all buckets. */
  int size() {
    return size;
  }

  /** Changes whenever a member joins, leaves or gets a newer record, for callers that re-plan. */
  long version() {
    return version;
  }

  /**
   * The distances to ask a registrar for auxiliary records: buckets with free space, each at most
   * {@code atMost} (the registrar's own distance to the topic: it knows the nodes around it and
   * nearer to the topic), largest first, at most {@code max} of them (topics.md §5).
   */
  List<Integer> distancesWithSpace(int max, int atMost) {
    List<Integer> out = new ArrayList<>(Math.min(max, MAX_DISTANCE));
    for (int d = Math.min(atMost, MAX_DISTANCE); d >= 1 && out.size() < max; d--) {
      if (buckets.get(d).size() < BUCKET_SIZE) out.add(d);
    }
    return out;
  }

  /** A member answered: its run of failures ends, and so does the memory of its exclusions. */
  void succeeded(NodeId id) {
    Member m = member(id);
    if (m == null) return;
    m.failures = 0;
    excluded.remove(id);
  }

  /**
   * A member timed out or answered badly. The {@value #FAILURES_BEFORE_EXCLUSION}th failure in a
   * row removes it and keeps it out for {@link #FIRST_EXCLUSION}, twice as long each time it comes
   * back and fails again within an hour of its last exclusion, up to {@link #MAX_EXCLUSION}.
   * Failures of nodes that are not members are ignored.
   */
  void failed(NodeId id) {
    Member m = member(id);
    if (m == null || ++m.failures < FAILURES_BEFORE_EXCLUSION) return;
    buckets.get(distance(id)).remove(id);
    size--;
    version++;
    Instant now = clock.instant();
    Exclusion previous = excluded.remove(id);
    Duration length =
        previous == null || previous.forgotten(now)
            ? FIRST_EXCLUSION
            : min(previous.length.multipliedBy(2), MAX_EXCLUSION);
    forgetOldExclusions(now);
    excluded.put(id, new Exclusion(now.plus(length), length));
  }

  /** Whether the node is serving an exclusion now. */
  boolean isExcluded(NodeId id) {
    Exclusion e = excluded.get(id);
    return e != null && clock.instant().isBefore(e.until);
  }

  /**
   * Offers the auxiliary records of a registrar's answer (topics.md §5): the first record for each
   * distance that is capable, not us, not excluded, new or newer, and has room in its bucket is
   * pinged and goes in only if it answers. The protocol already checked signatures, relay
   * addresses, and that each distance was asked for.
   *
   * @return completes, never exceptionally, once every ping started here has settled
   */
  CompletableFuture<Void> addAuxiliary(List<NodeRecord> records, TopicRequests requests) {
    List<CompletableFuture<?>> pings = new ArrayList<>();
    Set<Integer> distances = new HashSet<>();
    for (NodeRecord r : records) {
      if (pinging.size() >= MAX_PENDING_PINGS) break;
      NodeId id = r.nodeId();
      int d = distance(id);
      if (!distances.add(d) || !worthPinging(r, d)) continue;
      pinging.add(id);
      pings.add(
          requests
              .ping(r)
              .handle(
                  (pong, failure) -> {
                    pinging.remove(id);
                    if (failure == null) add(r);
                    return null;
                  }));
    }
    return CompletableFuture.allOf(pings.toArray(CompletableFuture[]::new));
  }

  private boolean worthPinging(NodeRecord r, int d) {
    NodeId id = r.nodeId();
    if (d == 0 || id.equals(self) || pinging.contains(id) || isExcluded(id)) return false;
    if (!TopicCapability.isCapable(r)) return false;
    Member m = buckets.get(d).get(id);
    return m != null ? r.isNewerThan(m.record) : buckets.get(d).size() < BUCKET_SIZE;
  }

  private Member member(NodeId id) {
    int d = distance(id);
    return d == 0 ? null : buckets.get(d).get(id);
  }

  private void forgetOldExclusions(Instant now) {
    excluded.values().removeIf(e -> e.forgotten(now));
    if (excluded.size() < MAX_EXCLUDED) return;
    Iterator<Map.Entry<NodeId, Exclusion>> it = excluded.entrySet().iterator();
    Map.Entry<NodeId, Exclusion> soonest = it.next();
    while (it.hasNext()) {
      Map.Entry<NodeId, Exclusion> e = it.next();
      if (e.getValue().until.isBefore(soonest.getValue().until)) soonest = e;
    }
    excluded.remove(soonest.getKey());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static final class Member {
    NodeRecord record;
    int failures;

    Member(NodeRecord record) {
      this.record = record;
    }
  }

  /** An exclusion ending at {@code until}; remembered for doubling until an hour after that. */
  private record Exclusion(Instant until, Duration length) {
    boolean forgotten(Instant now) {
      return !now.isBefore(until.plus(MAX_EXCLUSION));
    }
  }
}
