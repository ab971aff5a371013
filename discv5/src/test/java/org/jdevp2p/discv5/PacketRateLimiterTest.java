package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PacketRateLimiterTest {
  private final ManualClock clock = new ManualClock();

  private static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  @Test
  void oneNoisyIpIsLimitedWhileAnotherIsNot() throws Exception {
    PacketRateLimiter limiter = new PacketRateLimiter(5, 1, 1000, 1000, clock);
    for (int i = 0; i < 5; i++) assertThat(limiter.allow(ip("192.0.2.1"))).isTrue();
    assertThat(limiter.allow(ip("192.0.2.1"))).isFalse();
    assertThat(limiter.allow(ip("192.0.2.2"))).isTrue();
  }

  @Test
  void theGlobalBudgetLimitsManySourcesTogether() throws Exception {
    PacketRateLimiter limiter = new PacketRateLimiter(5, 1, 3, 1, clock);
    assertThat(limiter.allow(ip("192.0.2.1"))).isTrue();
    assertThat(limiter.allow(ip("192.0.2.2"))).isTrue();
    assertThat(limiter.allow(ip("192.0.2.3"))).isTrue();
    assertThat(limiter.allow(ip("192.0.2.4"))).isFalse();
  }

  @Test
  void aLimitedIpIsServedAgainAfterItsBucketRefills() throws Exception {
    PacketRateLimiter limiter = new PacketRateLimiter(1, 1, 1000, 1000, clock);
    assertThat(limiter.allow(ip("192.0.2.1"))).isTrue();
    assertThat(limiter.allow(ip("192.0.2.1"))).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.allow(ip("192.0.2.1"))).isTrue();
  }

  @Test
  void tracksABoundedNumberOfIps() throws Exception {
    PacketRateLimiter limiter = new PacketRateLimiter(1, 1, 1_000_000, 1_000_000, clock);
    for (int i = 0; i < PacketRateLimiter.MAX_TRACKED_IPS + 100; i++) {
      limiter.allow(
          InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}));
    }
    assertThat(limiter.trackedIps()).isEqualTo(PacketRateLimiter.MAX_TRACKED_IPS);
  }
}
