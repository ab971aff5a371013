package org.jdevp2p.rlpx;

import java.time.Duration;
import java.util.List;
import org.jdevp2p.crypto.PublicKey;

/** What {@link P2pHandler} needs to know about us; built by {@link RlpxTransport.Builder}. */
record P2pConfig(
    PublicKey localKey,
    String clientId,
    int listenPort,
    List<CapabilityMux.Registration> capabilities,
    Duration helloTimeout,
    Duration pingInterval,
    Duration readTimeout,
    Duration writeTimeout,
    long maxQueuedBytes) {

  P2pConfig {
    capabilities = List.copyOf(capabilities);
  }

  /** Our Hello: version 5, our capabilities in name/version order. */
  Hello hello() {
    List<Hello.Cap> caps =
        capabilities.stream()
            .sorted(CapabilityMux.HELLO_ORDER)
            .map(r -> r.capability().cap())
            .toList();
    return new Hello(Hello.PROTOCOL_VERSION, clientId, caps, listenPort, localKey);
  }
}
