package org.jdevp2p.benchmarks.discv5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.ethereum.beacon.discovery.DiscoverySystem;
import org.ethereum.beacon.discovery.DiscoverySystemBuilder;
import org.ethereum.beacon.discovery.crypto.DefaultSigner;
import org.ethereum.beacon.discovery.crypto.Signer;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordBuilder;
import org.ethereum.beacon.discovery.util.Functions;

/** A node of Teku's discv5 library on 127.0.0.1 with a fresh key. */
final class TekuNode implements BenchNode {
  private static final String LOOPBACK = "127.0.0.1";

  /**
   * Inbound bytes/s. The library's default, 250,000, caps a PING benchmark at about 2,000 round
   * trips/s; this is high enough never to bind on loopback, so the library is measured.
   */
  static final int TRAFFIC_READ_LIMIT = 1_000_000_000;

  private final DiscoverySystem system;

  private TekuNode(DiscoverySystem system) {
    this.system = system;
  }

  static TekuNode start() {
    Signer signer = new DefaultSigner(Functions.randomKeyPair().secretKey());
    int port = freeUdpPort();
    NodeRecord record =
        new NodeRecordBuilder().signer(signer).address(LOOPBACK, port).seq(1).build();
    DiscoverySystem system =
        new DiscoverySystemBuilder()
            .listen(LOOPBACK, port)
            .localNodeRecord(record)
            .signer(signer)
            .trafficReadLimit(TRAFFIC_READ_LIMIT)
            .build();
    system.start().join();
    return new TekuNode(system);
  }

  /** Teku writes its port into its record before it binds, so it cannot be handed port 0. */
  private static int freeUdpPort() {
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public CompletableFuture<Void> ping(BenchNode server) {
    return system.ping(((TekuNode) server).system.getLocalNodeRecord());
  }

  @Override
  public void close() {
    system.stop();
  }
}
