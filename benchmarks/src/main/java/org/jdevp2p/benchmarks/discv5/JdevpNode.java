package org.jdevp2p.benchmarks.discv5;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.discv5.DiscoveryConfig;

/**
 * Our node on 127.0.0.1 with a fresh key and the defaults of {@link DiscoveryConfig} but for the
 * two below, which would otherwise measure something other than the protocol.
 */
final class JdevpNode implements BenchNode {
  private final Discovery discovery;

  private JdevpNode(Discovery discovery) {
    this.discovery = discovery;
  }

  /**
   * A cold JVM's first handshakes on a loaded 2-core machine take longer than geth's 700 ms
   * response timeout (seen here); a failed request would abort the benchmark, and the timeout does
   * not change the throughput of requests that succeed.
   */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Unsolicited packets accepted per second, per IP and in total. Every fresh-identity handshake
   * begins with one, and all clients here share 127.0.0.1: the defaults (100/s per IP) would
   * measure the rate limit, as Teku's default traffic cap would measure its cap.
   */
  static final int UNSOLICITED_PER_SECOND = 1_000_000;

  static JdevpNode start() {
    return new JdevpNode(
        Discovery.start(
            DiscoveryConfig.builder(PrivateKey.random())
                .requestTimeout(REQUEST_TIMEOUT)
                .perIpLimit(UNSOLICITED_PER_SECOND, UNSOLICITED_PER_SECOND)
                .globalLimit(UNSOLICITED_PER_SECOND, UNSOLICITED_PER_SECOND)
                .build()));
  }

  @Override
  public CompletableFuture<Void> ping(BenchNode server) {
    return discovery.ping(((JdevpNode) server).discovery.localRecord()).thenApply(pong -> null);
  }

  @Override
  public void close() {
    discovery.close();
  }
}
