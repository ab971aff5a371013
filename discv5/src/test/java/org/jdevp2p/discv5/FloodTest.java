package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.discv5.wire.RequestId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A flood on loopback, bounded in count: thousands of fresh node ids, each on a fresh port,
 * complete handshakes and send packets that need new ones. The session cache stays within its cap,
 * the heap stays bounded, and a legitimate node's PINGs keep being answered. The figures are
 * printed; how fast this runs is a benchmark's business, not this test's.
 */
class FloodTest {
  /** Fresh node ids (and ports) in the flood. */
  private static final int FLOOD_PEERS = 3_000;

  /** Packets each flooding peer sends after its handshake: unsolicited ones that need a new one. */
  private static final int PACKETS_PER_PEER = 19;

  /** A small session cache, so that the flood overruns it more than ten times over. */
  private static final int SESSION_CAP = 256;

  /**
   * Heap growth allowed after the flood, measured after a GC: sessions (~1 KB), challenges and
   * rate-limiter buckets for every peer would stay far below this; a leak per packet (60,000
   * packets) or per peer would not.
   */
  private static final long HEAP_GROWTH_BOUND = 64L * 1024 * 1024;

  /** The legitimate node's PING success rate the issue asks for. */
  private static final double MIN_SUCCESS_RATE = 0.99;

  private final TestNodes nodes = new TestNodes();

  @AfterEach
  void close() {
    nodes.close();
  }

  @Test
  void floodKeepsSessionsCappedHeapBoundedAndPingsAnswered() throws Exception {
    // Per-IP and global limits are lifted: every flooding peer shares 127.0.0.1, and the point is
    // to push the session cache, not the rate limiter (BadInputTest covers that).
    Discovery target =
        nodes.start(
            b ->
                b.sessionCacheSize(SESSION_CAP)
                    .perIpLimit(1_000_000, 1_000_000)
                    .globalLimit(1_000_000, 1_000_000));
    Discovery legit = nodes.start(b -> b.requestTimeout(Duration.ofSeconds(2)));
    legit.ping(target.localRecord()).join();

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();

    AtomicBoolean flooding = new AtomicBoolean(true);
    AtomicInteger pings = new AtomicInteger();
    AtomicInteger pongs = new AtomicInteger();
    CompletableFuture<Void> pinger =
        CompletableFuture.runAsync(
            () -> {
              while (flooding.get()) {
                pings.incrementAndGet();
                if (legit.ping(target.localRecord()).exceptionally(e -> null).join() != null) {
                  pongs.incrementAndGet();
                }
              }
            });

    SecureRandom random = new SecureRandom();
    int maxSessions = 0;
    int handshakes = 0;
    int sent = 0;
    long start = System.nanoTime();
    for (int i = 0; i < FLOOD_PEERS; i++) {
      try (RawPeer peer = new RawPeer("127.0.0.1", target.localRecord()).impatient()) {
        try {
          peer.handshake(new Message.Ping(RequestId.random(random), 1));
          handshakes++;
        } catch (AssertionError | RuntimeException lostUnderLoad) {
          // a WHOAREYOU that did not come back in time: the peer still floods
        }
        sent += 2;
        for (int p = 0; p < PACKETS_PER_PEER; p++) peer.send(peer.codec.randomPacket());
        sent += PACKETS_PER_PEER;
      }
      maxSessions = Math.max(maxSessions, target.metrics().sessions());
    }
    long floodMillis = (System.nanoTime() - start) / 1_000_000;
    flooding.set(false);
    pinger.join();
    System.gc();
    long heapGrowth = memory.getHeapMemoryUsage().getUsed() - heapBefore;
    double successRate = (double) pongs.get() / pings.get();

    System.out.printf(
        "flood: %d peers, %d packets, %d handshakes in %d ms; max sessions %d (cap %d);"
            + " heap growth %d KiB after GC; legit PINGs %d/%d answered (%.2f %%)%n",
        FLOOD_PEERS,
        sent,
        handshakes,
        floodMillis,
        maxSessions,
        SESSION_CAP,
        heapGrowth / 1024,
        pongs.get(),
        pings.get(),
        successRate * 100);

    assertThat(handshakes).as("handshakes completed").isGreaterThan(SESSION_CAP);
    assertThat(maxSessions).isLessThanOrEqualTo(SESSION_CAP);
    assertThat(heapGrowth).isLessThan(HEAP_GROWTH_BOUND);
    assertThat(successRate).isGreaterThanOrEqualTo(MIN_SUCCESS_RATE);
  }
}
