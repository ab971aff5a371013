package org.jdevp2p.discv5;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.discv5.wire.Message.RegConfirmation;
import org.jdevp2p.discv5.wire.Message.RegTopic;
import org.jdevp2p.node.NodeId;

/**
 * The ads of a simulation as the wire shows them: every REGCONFIRMATION that admits an ad (empty
 * ticket, wait-time = the ad's remaining lifetime) enters the ledger until it expires. This is an
 * outside view of the registrars, so it can check what their caches must never do: hold two ads of
 * one advertiser for one topic, or more than C ads. It also times registrations (first REGTOPIC
 * without a ticket to admission), counts REGTOPICs and admissions per registrar and topic, and
 * integrates each registrar's ads held over time from a chosen moment on (the paper's fairness
 * model measures a registrar's load as its whole cache, every topic together).
 */
final class AdLedger implements SimNetwork.Observer {

  /** One ad: who holds it where, for which topic. */
  record Ad(NodeId registrar, NodeId advertiser, Bytes32 topic) {}

  private record Expiry(long atMillis, Ad ad) {}

  private record Load(NodeId registrar, Bytes32 topic) {}

  private record FromIp(NodeId registrar, InetAddress ip) {}

  /** A registrar's ads held: now, since when, and their integral over time (ad·ms). */
  private static final class Occupancy {
    int held;
    long sinceMillis;
    double adMillis;

    /** The integral up to {@code now}, counting only time from {@code fromMillis} on. */
    double integralTo(long now, long fromMillis) {
      long start = Math.max(sinceMillis, fromMillis);
      return adMillis + (now > start ? (double) held * (now - start) : 0);
    }
  }

  private final SimClock clock;
  private final Map<Ad, Long> live = new HashMap<>(); // expiry, ms of virtual time
  private final PriorityQueue<Expiry> expiries =
      new PriorityQueue<>((a, b) -> Long.compare(a.atMillis, b.atMillis));
  private final Map<NodeId, Occupancy> occupancy = new HashMap<>();
  private final Map<NodeId, Integer> regTopicsAt = new HashMap<>();
  private final Set<Ad> asked = new HashSet<>(); // who sent a REGTOPIC where, for which topic
  private final Map<Load, Integer> requesters = new HashMap<>();
  private final Map<NodeId, Integer> admittedAt = new HashMap<>();
  private final Map<Ad, Long> attemptStart = new HashMap<>();
  private final Map<Bytes32, List<Long>> waits = new HashMap<>();
  private final Map<Load, Integer> regTopics = new HashMap<>();
  private final Map<Load, Integer> admitted = new HashMap<>();
  private final Map<NodeId, InetAddress> ipOf = new HashMap<>();
  private final Map<FromIp, Integer> liveFromIp = new HashMap<>();
  private final Map<InetAddress, Integer> maxFromIp = new HashMap<>();
  private final Set<Ad> everAdmitted = new HashSet<>();
  private final List<String> violations = new ArrayList<>();
  private final long heldFromMillis;
  private int maxLiveAtOneRegistrar;
  private long admissions;

  AdLedger(SimClock clock) {
    this(clock, Duration.ZERO);
  }

  /**
   * A ledger whose {@link #meanHeld} averages from {@code heldFrom} of virtual time on (e.g. after
   * the first ad lifetime, when caches have filled).
   */
  AdLedger(SimClock clock, Duration heldFrom) {
    this.clock = clock;
    this.heldFromMillis = heldFrom.toMillis();
  }

  @Override
  public void received(SimNode at, Message message) {
    if (!(message instanceof RegTopic reg)) return;
    regTopics.merge(new Load(at.id(), reg.topic()), 1, Integer::sum);
    regTopicsAt.merge(at.id(), 1, Integer::sum);
    if (asked.add(new Ad(at.id(), reg.enr().nodeId(), reg.topic()))) {
      requesters.merge(new Load(at.id(), reg.topic()), 1, Integer::sum);
    }
    if (reg.ticket().isEmpty()) {
      attemptStart.putIfAbsent(
          new Ad(at.id(), reg.enr().nodeId(), reg.topic()), clock.elapsed().toMillis());
    }
  }

  @Override
  public void answered(SimNode at, SimNode from, Message request, Message response) {
    if (!(request instanceof RegTopic reg) || !(response instanceof RegConfirmation conf)) return;
    if (!conf.ticket().isEmpty()) return;
    expire();
    long now = clock.elapsed().toMillis();
    Ad ad = new Ad(from.id(), at.id(), reg.topic());
    long expiry = now + conf.waitTimeMillis();
    Long held = live.get(ad);
    if (held != null) {
      // A repeated REGTOPIC is confirmed with the remaining lifetime of the ad held: same expiry.
      if (held != expiry) {
        violations.add("second ad " + ad + " at " + now + " ms, first expires at " + held);
      }
      return;
    }
    live.put(ad, expiry);
    everAdmitted.add(new Ad(null, ad.advertiser(), ad.topic()));
    InetAddress ip = at.endpoint().getAddress();
    ipOf.put(ad.advertiser(), ip);
    int fromIp = liveFromIp.merge(new FromIp(ad.registrar(), ip), 1, Integer::sum);
    maxFromIp.merge(ip, fromIp, Math::max);
    expiries.add(new Expiry(expiry, ad));
    admissions++;
    admitted.merge(new Load(ad.registrar(), ad.topic()), 1, Integer::sum);
    admittedAt.merge(ad.registrar(), 1, Integer::sum);
    int n = changeHeld(ad.registrar(), now, 1);
    maxLiveAtOneRegistrar = Math.max(maxLiveAtOneRegistrar, n);
    Long start = attemptStart.remove(ad);
    if (start != null) waits.computeIfAbsent(ad.topic(), t -> new ArrayList<>()).add(now - start);
  }

  private void expire() {
    long now = clock.elapsed().toMillis();
    while (!expiries.isEmpty() && expiries.peek().atMillis <= now) {
      Expiry e = expiries.poll();
      Ad ad = e.ad();
      live.remove(ad);
      changeHeld(ad.registrar(), e.atMillis(), -1);
      liveFromIp.computeIfPresent(
          new FromIp(ad.registrar(), ipOf.get(ad.advertiser())), (r, n) -> n == 1 ? null : n - 1);
    }
  }

  /** Adds {@code delta} to the ads the registrar holds from {@code atMillis} on; the new count. */
  private int changeHeld(NodeId registrar, long atMillis, int delta) {
    Occupancy o = occupancy.computeIfAbsent(registrar, r -> new Occupancy());
    o.adMillis = o.integralTo(atMillis, heldFromMillis);
    o.sinceMillis = atMillis;
    o.held += delta;
    return o.held;
  }

  /**
   * The mean number of ads (all topics) this registrar held from the ledger's start of averaging to
   * now; 0 before that start.
   */
  double meanHeld(NodeId registrar) {
    expire();
    long now = clock.elapsed().toMillis();
    if (now <= heldFromMillis) return 0;
    Occupancy o = occupancy.get(registrar);
    return o == null ? 0 : o.integralTo(now, heldFromMillis) / (now - heldFromMillis);
  }

  /** Ads (all topics) this registrar holds now. */
  int held(NodeId registrar) {
    expire();
    Occupancy o = occupancy.get(registrar);
    return o == null ? 0 : o.held;
  }

  /** Ads live now. */
  List<Ad> liveAds() {
    expire();
    return List.copyOf(live.keySet());
  }

  /** Ads admitted so far. */
  long admissions() {
    return admissions;
  }

  /** The most ads one registrar held at once. */
  int maxLiveAtOneRegistrar() {
    return maxLiveAtOneRegistrar;
  }

  /** Whether some registrar admitted an ad of this advertiser for this topic. */
  boolean wasAdmitted(NodeId advertiser, Bytes32 topic) {
    return everAdmitted.contains(new Ad(null, advertiser, topic));
  }

  /** The most ads advertisers at this IP held at one registrar at once. */
  int maxLiveFromOneIp(InetAddress ip) {
    return maxFromIp.getOrDefault(ip, 0);
  }

  /** Admissions that gave an advertiser a second ad for a topic at one registrar. */
  List<String> violations() {
    return List.copyOf(violations);
  }

  /** Registration waits of a topic (first REGTOPIC to admission), in ms. */
  long[] waits(Bytes32 topic) {
    return waits.getOrDefault(topic, List.of()).stream().mapToLong(Long::longValue).toArray();
  }

  /** Ads this registrar admitted for this topic. */
  int admissions(NodeId registrar, Bytes32 topic) {
    return admitted.getOrDefault(new Load(registrar, topic), 0);
  }

  /** Ads this registrar admitted, all topics. */
  int admissions(NodeId registrar) {
    return admittedAt.getOrDefault(registrar, 0);
  }

  /** REGTOPICs this registrar received, all topics. */
  int regTopics(NodeId registrar) {
    return regTopicsAt.getOrDefault(registrar, 0);
  }

  /** Distinct advertisers that sent this registrar a REGTOPIC for this topic. */
  int requesters(NodeId registrar, Bytes32 topic) {
    return requesters.getOrDefault(new Load(registrar, topic), 0);
  }

  /** REGTOPICs this registrar received for this topic. */
  int regTopics(NodeId registrar, Bytes32 topic) {
    return regTopics.getOrDefault(new Load(registrar, topic), 0);
  }
}
