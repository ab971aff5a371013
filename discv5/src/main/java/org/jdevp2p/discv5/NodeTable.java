package org.jdevp2p.discv5;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * The Kademlia routing table: one bucket per log-distance 1..256 from our id, as the spec lays it
 * out (discv5-theory "Node Table").
 *
 * <p>Why not geth's layout, which merges every distance up to 240 into one bucket: FINDNODE asks
 * for nodes at exact distances, and a merged bucket answers with nodes at other distances, which
 * strict requesters (geth itself) then throw away. With one bucket per distance our answers are
 * exactly what was asked for. The cost is a few empty buckets, allocated lazily.
 *
 * <p>Only nodes that proved their liveness enter (they answered a request of ours or completed a
 * handshake with us); this table never holds hearsay. A full bucket keeps newcomers on a
 * replacement list, promoted when a member fails revalidation.
 *
 * <p>Revalidation, simpler than geth's two lists: each call of {@link #nextToRevalidate()} picks
 * the member checked longest ago. A reply counts a liveness check; a timeout divides the count by
 * three (geth's rule), and a member whose count reaches zero is dropped for a replacement.
 *
 * <p>Not thread-safe: owned by the discovery event loop.
 */
final class NodeTable {
  /** Entries per bucket: the spec's k = 16. */
  static final int BUCKET_SIZE = 16;

  /** Replacement list per bucket: geth's {@code maxReplacements}. */
  static final int MAX_REPLACEMENTS = 10;

  /** Members per /24 in one bucket: geth's {@code bucketIPLimit}. */
  static final int BUCKET_IP_LIMIT = 2;

  /** Members per /24 in the whole table: geth's {@code tableIPLimit}. */
  static final int TABLE_IP_LIMIT = 10;

  /** Log-distances 1..256 each have a bucket; distance 0 is ourselves. */
  static final int BUCKETS = 256;

  /** What {@link #addVerified} did. */
  enum AddResult {
    ADDED,
    UPDATED,
    REPLACEMENT,
    IP_LIMIT,
    SELF
  }

  /** A member of the table (or of a replacement list). */
  static final class Entry {
    private NodeRecord record;
    private InetSocketAddress endpoint;
    private Instant lastChecked;
    private int livenessChecks = 1;

    private Entry(NodeRecord record, InetSocketAddress endpoint, Instant now) {
      this.record = record;
      this.endpoint = endpoint;
      this.lastChecked = now;
    }

    NodeRecord record() {
      return record;
    }

    /** The address this node answered from, which we use to reach it. */
    InetSocketAddress endpoint() {
      return endpoint;
    }

    NodeId id() {
      return record.nodeId();
    }

    int livenessChecks() {
      return livenessChecks;
    }
  }

  private static final class Bucket {
    final List<Entry> members = new ArrayList<>(BUCKET_SIZE);
    final List<Entry> replacements = new ArrayList<>(MAX_REPLACEMENTS); // newest first
    final IpLimits ips = new IpLimits(BUCKET_IP_LIMIT);
  }

  private final NodeId self;
  private final InstantSource clock;
  private final TableListener listener;
  private final Bucket[] buckets = new Bucket[BUCKETS];
  private final IpLimits tableIps = new IpLimits(TABLE_IP_LIMIT);
  private final Map<NodeId, Entry> byId = new HashMap<>();

  /** Members in all buckets, kept so that {@link #size()} (read per packet) needs no scan. */
  private int memberCount;

  NodeTable(NodeId self, InstantSource clock, TableListener listener) {
    this.self = self;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * Adds or refreshes a node that just proved its liveness by talking to us from {@code endpoint}.
   */
  AddResult addVerified(NodeRecord record, InetSocketAddress endpoint) {
    NodeId id = record.nodeId();
    int distance = self.logDistance(id);
    if (distance == 0) return AddResult.SELF;
    Bucket bucket = bucketFor(distance);
    Entry existing = byId.get(id);
    if (existing != null && bucket.members.contains(existing)) {
      if (!existing.endpoint.getAddress().equals(endpoint.getAddress())) {
        release(bucket, existing);
        if (!bucket.ips.allows(endpoint.getAddress()) || !tableIps.allows(endpoint.getAddress())) {
          reserve(bucket, existing); // keep the member at its old, proven address
          return AddResult.IP_LIMIT;
        }
        existing.endpoint = endpoint;
        reserve(bucket, existing);
      }
      existing.endpoint = endpoint; // the port may have changed
      if (record.seq() > existing.record.seq()) existing.record = record;
      existing.lastChecked = clock.instant();
      return AddResult.UPDATED;
    }
    if (existing != null) { // on the replacement list: forget the old entry and re-add below
      bucket.replacements.remove(existing);
      release(bucket, existing);
      byId.remove(id);
    }
    if (!bucket.ips.allows(endpoint.getAddress()) || !tableIps.allows(endpoint.getAddress())) {
      return AddResult.IP_LIMIT;
    }
    Entry entry = new Entry(record, endpoint, clock.instant());
    reserve(bucket, entry);
    byId.put(id, entry);
    if (bucket.members.size() < BUCKET_SIZE) {
      bucket.members.add(entry);
      memberCount++;
      listener.nodeAdded(record);
      return AddResult.ADDED;
    }
    bucket.replacements.addFirst(entry);
    if (bucket.replacements.size() > MAX_REPLACEMENTS) {
      Entry dropped = bucket.replacements.removeLast();
      release(bucket, dropped);
      byId.remove(dropped.id());
    }
    return AddResult.REPLACEMENT;
  }

  /** The member checked longest ago, to be PINGed next. */
  Optional<Entry> nextToRevalidate() {
    Entry oldest = null;
    for (Bucket b : buckets) {
      if (b == null) continue;
      for (Entry e : b.members) {
        if (oldest == null || e.lastChecked.isBefore(oldest.lastChecked)) oldest = e;
      }
    }
    return Optional.ofNullable(oldest);
  }

  /** A member answered a revalidation PING; {@code record} is its newest record we know. */
  void revalidated(NodeRecord record) {
    Entry e = member(record.nodeId());
    if (e == null) return;
    e.livenessChecks++;
    e.lastChecked = clock.instant();
    if (record.seq() > e.record.seq()) e.record = record;
  }

  /**
   * A member did not answer a revalidation PING: geth divides its liveness count by three and drops
   * it at zero, promoting the newest replacement.
   */
  void revalidationFailed(NodeId id) {
    Entry e = member(id);
    if (e == null) return;
    e.livenessChecks /= 3;
    e.lastChecked = clock.instant();
    if (e.livenessChecks == 0) remove(id);
  }

  /** Removes a member (promoting a replacement) or a replacement. */
  void remove(NodeId id) {
    Entry e = byId.remove(id);
    if (e == null) return;
    Bucket bucket = bucketFor(self.logDistance(id));
    release(bucket, e);
    if (bucket.replacements.remove(e)) return;
    bucket.members.remove(e);
    memberCount--;
    listener.nodeRemoved(e.record);
    if (!bucket.replacements.isEmpty()) {
      Entry promoted = bucket.replacements.removeFirst();
      promoted.lastChecked = clock.instant();
      bucket.members.add(promoted);
      memberCount++;
      listener.nodeAdded(promoted.record);
    }
  }

  /** A member of the table (not a replacement). */
  Optional<Entry> get(NodeId id) {
    return Optional.ofNullable(member(id));
  }

  /** The members at one log-distance from us (1..256), at most {@link #BUCKET_SIZE}. */
  List<Entry> atDistance(int distance) {
    if (distance < 1 || distance > BUCKETS) return List.of();
    Bucket b = buckets[distance - 1];
    return b == null ? List.of() : List.copyOf(b.members);
  }

  /** Up to {@code n} members closest to {@code target}, closest first. */
  List<Entry> closest(NodeId target, int n) {
    List<Entry> all = members();
    all.sort(Comparator.comparing(Entry::id, target::compareDistance));
    return all.size() > n ? new ArrayList<>(all.subList(0, n)) : all;
  }

  /**
   * The members at log-distance {@code d} from {@code target}, in bucket order (as {@link
   * #members()} lists them). The xor metric says where they are: with t = logdist(self, target), a
   * member of bucket b lies at b from the target when b > t, at t when b < t, and nearer than t
   * when b = t; so one bucket, or the buckets below t, hold them all.
   */
  List<Entry> atDistanceFrom(NodeId target, int d) {
    if (d < 0 || d > BUCKETS) return List.of();
    int t = self.logDistance(target);
    List<Entry> out = new ArrayList<>();
    if (d > t) {
      if (buckets[d - 1] != null) out.addAll(buckets[d - 1].members);
    } else if (d == t) {
      for (int b = 1; b < t; b++) if (buckets[b - 1] != null) out.addAll(buckets[b - 1].members);
    } else if (buckets[t - 1] != null) {
      for (Entry e : buckets[t - 1].members) if (target.logDistance(e.id()) == d) out.add(e);
    }
    return out;
  }

  /** Every member, in bucket order. */
  List<Entry> members() {
    List<Entry> all = new ArrayList<>();
    for (Bucket b : buckets) if (b != null) all.addAll(b.members);
    return all;
  }

  /** Number of members (replacements not counted). */
  int size() {
    return memberCount;
  }

  private Entry member(NodeId id) {
    Entry e = byId.get(id);
    if (e == null) return null;
    return bucketFor(self.logDistance(id)).members.contains(e) ? e : null;
  }

  private Bucket bucketFor(int distance) {
    Bucket b = buckets[distance - 1];
    if (b == null) {
      b = new Bucket();
      buckets[distance - 1] = b;
    }
    return b;
  }

  private void reserve(Bucket bucket, Entry e) {
    bucket.ips.add(e.endpoint.getAddress());
    tableIps.add(e.endpoint.getAddress());
  }

  private void release(Bucket bucket, Entry e) {
    bucket.ips.remove(e.endpoint.getAddress());
    tableIps.remove(e.endpoint.getAddress());
  }
}
