package org.jdevp2p.discv5;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jdevp2p.crypto.PrivateKey;

/** Starts discovery nodes on loopback for a test and closes every one of them after it. */
final class TestNodes implements AutoCloseable {
  /**
   * Request and handshake timeout in tests: geth's 700 ms is too tight for the first handshakes of
   * a cold JVM on a busy two-core CI machine, and no test here waits for a timeout to pass.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final List<AutoCloseable> open = new ArrayList<>();

  /** A node on 127.0.0.1, configured further by {@code config}. */
  Discovery start(UnaryOperator<DiscoveryConfig.Builder> config) {
    DiscoveryConfig.Builder b =
        DiscoveryConfig.builder(PrivateKey.random())
            .bind4(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .requestTimeout(TIMEOUT)
            .handshakeTimeout(TIMEOUT);
    Discovery d = Discovery.start(config.apply(b).build());
    open.add(d);
    return d;
  }

  Discovery start() {
    return start(b -> b);
  }

  <T extends AutoCloseable> T add(T resource) {
    open.add(resource);
    return resource;
  }

  @Override
  public void close() {
    for (AutoCloseable c : open.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
