package org.jdevp2p.discv5;

import java.net.InetAddress;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits the unsolicited packets that make us work: packets that no session decrypts (they cost a
 * WHOAREYOU) and handshakes (they cost an ECDH and a signature check). Packets that decrypt under
 * an established session are never counted here: a peer in session may be a heavy honest user (a
 * geth node runs about 1,000 FINDNODE/s toward one peer).
 *
 * <p>Two token buckets must both agree: one per source IP, one for all sources together. The per-IP
 * map is bounded; when it is full, buckets that refilled are forgotten first, and if none has, the
 * oldest is evicted (which can only make us more lenient toward that IP, never lock anyone out).
 */
final class PacketRateLimiter {
  /** Per-IP map bound: 10,000 buckets of ~100 bytes each stays near one megabyte. */
  static final int MAX_TRACKED_IPS = 10_000;

  private final int perIpBurst;
  private final int perIpPerSecond;
  private final InstantSource clock;
  private final TokenBucket global;
  private final LinkedHashMap<InetAddress, TokenBucket> perIp =
      new LinkedHashMap<>(64, 0.75f, true);

  PacketRateLimiter(
      int perIpBurst,
      int perIpPerSecond,
      int globalBurst,
      int globalPerSecond,
      InstantSource clock) {
    this.perIpBurst = perIpBurst;
    this.perIpPerSecond = perIpPerSecond;
    this.clock = clock;
    this.global = new TokenBucket(globalBurst, globalPerSecond, clock);
  }

  /** True if an unsolicited packet from this address may be processed now. */
  boolean allow(InetAddress source) {
    TokenBucket bucket = perIp.get(source);
    if (bucket == null) {
      if (perIp.size() >= MAX_TRACKED_IPS) evictOne();
      bucket = new TokenBucket(perIpBurst, perIpPerSecond, clock);
      perIp.put(source, bucket);
    }
    // Check the IP first so that one noisy source does not drain the global budget.
    return bucket.tryTake() && global.tryTake();
  }

  int trackedIps() {
    return perIp.size();
  }

  private void evictOne() {
    Iterator<Map.Entry<InetAddress, TokenBucket>> it = perIp.entrySet().iterator();
    int scanned = 0;
    // Scan a few of the least recently used: a full bucket carries no information.
    while (it.hasNext() && scanned++ < 16) {
      if (it.next().getValue().isFull()) {
        it.remove();
        return;
      }
    }
    it = perIp.entrySet().iterator();
    it.next();
    it.remove();
  }
}
