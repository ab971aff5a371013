package org.jdevp2p.discv5.topic;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * The registrar's side of topic discovery (discv5-theory.md "Topic Advertisement", topics.md §4): a
 * bounded cache of ads, admission by waiting time, and the tickets that carry a registrant's
 * accumulated wait between attempts. Pure logic: the protocol decodes REGTOPIC and TOPICQUERY,
 * checks the record's signature, and turns each {@link Outcome} into a REGCONFIRMATION (or into
 * silence).
 *
 * <p>The waiting time of an ad for topic s from address ip, with c ads of which c_s for s in a
 * cache of capacity C (paper eq. 4):
 *
 * <pre>
 *   w = E · (1 − c/C)^(−P_occ) · (c_s/c + score(ip) + G)
 * </pre>
 *
 * each of its three terms held up by a {@link LowerBound} (for the cache, for the topic, for the
 * deepest {@link IpTree} vertex of ip). A registrant is admitted once the time since its first
 * attempt covers w; until then it gets a ticket and a time to come back.
 *
 * <p>Not thread-safe: it belongs to the discovery event loop (or the simulation's thread). Time is
 * read in milliseconds from the injected clock, and never goes backwards here even if the clock
 * does.
 */
public final class Registrar {
  /** Ads the cache holds at most, C (discv5-theory.md; the paper's n). */
  public static final int DEFAULT_CAPACITY = 1000;

  /** How long an admitted ad lives, E (discv5-theory.md; the paper's a). Also the longest wait. */
  public static final Duration DEFAULT_AD_LIFETIME = Duration.ofMinutes(15);

  /**
   * How late after its wait a ticket is still accepted, δ. The spec says "TBD"; 10 s is the classic
   * draft's and the DISC-NG simulator's value, a few round trips with room to spare (topics.md
   * §11.3). Registrar-local: it is not on the wire.
   */
  public static final Duration DEFAULT_TICKET_WINDOW = Duration.ofSeconds(10);

  /** Ads returned per TOPICQUERY, F_return (discv5-theory.md; the paper's N_return). */
  public static final int MAX_QUERY_RESULTS = 10;

  /**
   * The occupancy exponent P_occ (discv5-theory.md): at half capacity the wait is 2^10 times that
   * of an empty cache, so the cache fills ever more slowly and never overflows.
   */
  static final int OCCUPANCY_EXPONENT = 10;

  /**
   * The base term G (discv5-theory.md; the paper's b): keeps w above zero for a new topic from a
   * new address, E·G ≈ 0.09 ms with the default lifetime.
   */
  static final double BASE_WAIT = 1e-7;

  /**
   * A wait shorter than this counts as none: G makes every w positive, yet a registrant that has
   * waited it out must be let in (topics.md §11.8). Also the shortest wait a ticket asks for.
   */
  static final long MIN_WAIT_MILLIS = 1;

  /** The largest lifetime: a ticket's twait (at most E) has 4 bytes. */
  static final Duration MAX_AD_LIFETIME = Duration.ofMillis(Integer.MAX_VALUE);

  /** What the registrar makes of a REGTOPIC. */
  public sealed interface Outcome {
    /**
     * The ad is in the cache: reply REGCONFIRMATION with an empty ticket and this lifetime (for an
     * ad that was already there, what is left of it).
     */
    record Admitted(Duration lifetime) implements Outcome {}

    /** Not yet: reply with this ticket and come back after {@code waitTime}. */
    record Wait(Bytes ticket, Duration waitTime) implements Outcome {}

    /** The request breaks the rules: send nothing at all (topics.md §4 step 1). */
    record Refused(String reason) implements Outcome {}
  }

  /** One cached ad. */
  private static final class Ad {
    final AdKey key;
    final NodeRecord record;
    final IpTree tree;
    final long ipKey;
    final long expiresAt;

    /** Position in its topic's list, for removal in constant time. */
    int index;

    Ad(AdKey key, NodeRecord record, IpTree tree, long ipKey, long expiresAt) {
      this.key = key;
      this.record = record;
      this.tree = tree;
      this.ipKey = ipKey;
      this.expiresAt = expiresAt;
    }
  }

  /** At most one ad per advertiser and topic (discv5-theory.md "Ad cache"). */
  private record AdKey(NodeId node, Bytes32 topic) {}

  /** The live ads of one topic and the lower bound of its term, dropped with its last ad. */
  private static final class TopicAds {
    final List<Ad> ads = new ArrayList<>();
    final LowerBound bound = new LowerBound();
  }

  private final int capacity;
  private final long lifetimeMillis;
  private final long windowMillis;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final Tickets tickets;

  private final Map<AdKey, Ad> ads = new HashMap<>();
  private final Map<Bytes32, TopicAds> topics = new HashMap<>();

  /** Ads in admission order, which is expiry order: every ad lives the same E. */
  private final ArrayDeque<Ad> byExpiry = new ArrayDeque<>();

  private final IpTree ipv4 = new IpTree(IpTree.IPV4_LEVELS);
  private final IpTree ipv6 = new IpTree(IpTree.IPV6_LEVELS);
  private final LowerBound baseBound = new LowerBound();
  private long lastMillis;

  /**
   * @param capacity C, ads the cache holds at most
   * @param adLifetime E, how long an ad lives; also the longest wait a ticket asks for
   * @param ticketWindow δ, how late after its wait a ticket is still good
   * @param clock the time, read in milliseconds
   * @param random picks the ads a query returns
   * @param keyRandom makes the ticket keys
   */
  public Registrar(
      int capacity,
      Duration adLifetime,
      Duration ticketWindow,
      InstantSource clock,
      RandomGenerator random,
      SecureRandom keyRandom) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    if (adLifetime.compareTo(Duration.ofMillis(MIN_WAIT_MILLIS)) < 0
        || adLifetime.compareTo(MAX_AD_LIFETIME) > 0) {
      throw new IllegalArgumentException(
          "ad lifetime must be 1 ms.." + MAX_AD_LIFETIME + ", got " + adLifetime);
    }
    if (ticketWindow.isNegative()) {
      throw new IllegalArgumentException("ticket window must not be negative: " + ticketWindow);
    }
    this.capacity = capacity;
    this.lifetimeMillis = adLifetime.toMillis();
    this.windowMillis = ticketWindow.toMillis();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.lastMillis = clock.millis();
    this.tickets = new Tickets(Objects.requireNonNull(keyRandom, "keyRandom"), lastMillis);
  }

  /**
   * Handles a REGTOPIC whose record's signature the protocol has checked.
   *
   * @param sender the node id the packet came from (its session)
   * @param source the address the packet came from
   * @param topic the topic id
   * @param record the sender's record, to be the ad
   * @param ticket the ticket it brings back, empty on a first attempt
   */
  public Outcome register(
      NodeId sender, InetSocketAddress source, Bytes32 topic, NodeRecord record, Bytes ticket) {
    if (!record.nodeId().equals(sender)) {
      return new Outcome.Refused(
          "record of " + record.nodeId() + " sent by " + sender + ": only self-registration");
    }
    InetAddress ip = IpTree.unmapped(source.getAddress());
    // topics.md §11.4 (devp2p #279): the ad must point where the request came from, so nobody can
    // point ads at a victim, and the address we score is the one the sender really holds
    Optional<InetSocketAddress> advertised =
        ip instanceof Inet4Address ? record.udpEndpoint4() : record.udpEndpoint6();
    if (advertised.isEmpty()
        || !advertised.get().getAddress().equals(ip)
        || advertised.get().getPort() != source.getPort()) {
      return new Outcome.Refused(
          "record's endpoint "
              + advertised.map(InetSocketAddress::toString).orElse("(none)")
              + " is not the source "
              + source);
    }
    long now = now();
    purge(now);
    AdKey key = new AdKey(sender, topic);
    Ad existing = ads.get(key);
    if (existing != null) {
      // topics.md §11.6: a duplicate changes nothing, not even the record
      return new Outcome.Admitted(Duration.ofMillis(existing.expiresAt - now));
    }
    Bytes32 adDigest = tickets.adDigest(topic, record);
    // topics.md §11.7: a ticket that is missing, not ours, for another ad, early or late starts a
    // new attempt; the registrant is always answered
    long tinit =
        tickets
            .open(ticket, now)
            .filter(t -> t.adDigest().equals(adDigest))
            .filter(t -> inWindow(t, now))
            .map(Tickets.Ticket::tinit)
            .orElse(now);
    long waited = now - tinit;
    IpTree tree = treeOf(ip);
    long ipKey = IpTree.key(ip);
    // topics.md §11.9: a full cache admits nobody (w = ∞); the wait asked is the longest
    if (ads.size() >= capacity) {
      return waitFor(tinit, lifetimeMillis, adDigest, now);
    }
    double w = waitingTime(topic, tree, ipKey, now);
    if (w - waited < MIN_WAIT_MILLIS) {
      admit(key, record, tree, ipKey, now);
      return new Outcome.Admitted(Duration.ofMillis(lifetimeMillis));
    }
    // twait ≤ E (discv5-theory.md SHOULD); a longer w adds up over several tickets from tinit
    long twait = (long) Math.min(Math.ceil(w - waited), lifetimeMillis);
    return waitFor(tinit, Math.max(twait, MIN_WAIT_MILLIS), adDigest, now);
  }

  /**
   * Handles a TOPICQUERY: at most {@link #MAX_QUERY_RESULTS} live ads of the topic, a uniformly
   * random subset, so that no registrant can make sure its ads are the ones returned.
   */
  public List<NodeRecord> query(Bytes32 topic) {
    purge(now());
    TopicAds t = topics.get(topic);
    if (t == null) {
      return List.of();
    }
    // Floyd's algorithm: k distinct indices of n, every k-subset equally likely, k draws
    int n = t.ads.size();
    int k = Math.min(n, MAX_QUERY_RESULTS);
    Set<Integer> chosen = new HashSet<>();
    List<NodeRecord> sample = new ArrayList<>(k);
    for (int j = n - k; j < n; j++) {
      int pick = random.nextInt(j + 1);
      if (!chosen.add(pick)) {
        chosen.add(j);
        pick = j;
      }
      sample.add(t.ads.get(pick).record);
    }
    return sample;
  }

  /** Live ads in the cache. */
  public int adCount() {
    purge(now());
    return ads.size();
  }

  /** Live ads for one topic. */
  public int adCount(Bytes32 topic) {
    purge(now());
    TopicAds t = topics.get(topic);
    return t == null ? 0 : t.ads.size();
  }

  /**
   * Puts an ad in the cache as if its registrant had waited, at the record's own address: for
   * benchmarks that need a full cache, which registrations alone never reach (the occupancy factor
   * grows without bound as c nears C).
   */
  void place(Bytes32 topic, NodeRecord record) {
    purge(now());
    AdKey key = new AdKey(record.nodeId(), topic);
    if (ads.size() >= capacity || ads.containsKey(key)) {
      throw new IllegalStateException("no room for another ad of " + key);
    }
    InetAddress ip =
        record
            .ip()
            .<InetAddress>map(a -> a)
            .or(record::ip6)
            .orElseThrow(() -> new IllegalArgumentException("record without an address"));
    IpTree tree = treeOf(ip);
    admit(key, record, tree, IpTree.key(ip), now());
  }

  private IpTree treeOf(InetAddress ip) {
    return ip instanceof Inet4Address ? ipv4 : ipv6;
  }

  private boolean inWindow(Tickets.Ticket t, long now) {
    long due = t.tmod() + t.twait();
    return due <= now && now <= due + windowMillis;
  }

  private Outcome.Wait waitFor(long tinit, long twait, Bytes32 adDigest, long now) {
    Bytes ticket = tickets.issue(new Tickets.Ticket(tinit, now, (int) twait, adDigest), now);
    return new Outcome.Wait(ticket, Duration.ofMillis(twait));
  }

  /** w in ms, each term no lower than its bound (topics.md §4 "Lower bound"). */
  private double waitingTime(Bytes32 topic, IpTree tree, long ipKey, long now) {
    int c = ads.size();
    double scale = lifetimeMillis * Math.pow(1 - (double) c / capacity, -OCCUPANCY_EXPONENT);
    double base = baseBound.apply(scale * BASE_WAIT, now);
    TopicAds t = topics.get(topic);
    // a topic with no ads has no term and no bound (c_s/c := 0 when c = 0 falls out of this too)
    double service = t == null ? 0 : t.bound.apply(scale * t.ads.size() / c, now);
    double address = tree.bound(ipKey).apply(scale * tree.score(ipKey), now);
    return base + service + address;
  }

  private void admit(AdKey key, NodeRecord record, IpTree tree, long ipKey, long now) {
    Ad ad = new Ad(key, record, tree, ipKey, now + lifetimeMillis);
    ads.put(key, ad);
    byExpiry.addLast(ad);
    TopicAds t = topics.computeIfAbsent(key.topic(), k -> new TopicAds());
    ad.index = t.ads.size();
    t.ads.add(ad);
    tree.add(ipKey);
  }

  /** Drops expired ads: before every computation, so none is counted or returned. */
  private void purge(long now) {
    while (!byExpiry.isEmpty() && byExpiry.peekFirst().expiresAt <= now) {
      Ad ad = byExpiry.removeFirst();
      ads.remove(ad.key);
      TopicAds t = topics.get(ad.key.topic());
      Ad last = t.ads.removeLast();
      if (last != ad) {
        t.ads.set(ad.index, last);
        last.index = ad.index;
      }
      if (t.ads.isEmpty()) {
        topics.remove(ad.key.topic());
      }
      ad.tree.remove(ad.ipKey);
    }
  }

  /** The clock in ms, never behind an earlier reading, so that expiry stays in admission order. */
  private long now() {
    lastMillis = Math.max(lastMillis, clock.millis());
    return lastMillis;
  }
}
