package org.jdevp2p.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.ethereum.beacon.discovery.DiscoverySystemBuilder;
import org.ethereum.beacon.discovery.MutableDiscoverySystem;
import org.ethereum.beacon.discovery.crypto.DefaultSigner;
import org.ethereum.beacon.discovery.crypto.Signer;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordBuilder;
import org.ethereum.beacon.discovery.schema.NodeRecordFactory;
import org.ethereum.beacon.discovery.util.Functions;

/**
 * A node of Teku's discv5 library ({@code io.consensys.protocols:discovery}) on 127.0.0.1 with a
 * fresh key, built with its {@link DiscoverySystemBuilder}.
 */
final class TekuPeer implements Discv5Peer {
  static final String LOOPBACK = "127.0.0.1";

  /** How long {@link #start} waits for Teku's server to bind; it binds in milliseconds. */
  private static final long START_TIMEOUT_SECONDS = 10;

  private final MutableDiscoverySystem system;

  private TekuPeer(MutableDiscoverySystem system) {
    this.system = system;
  }

  /** Starts a node with the library's defaults (inbound traffic capped at 250,000 bytes/s). */
  static TekuPeer start() {
    return start(UnaryOperator.identity());
  }

  /**
   * Starts a node that knows these records as bootnodes. Teku keeps its bootnodes and pings them at
   * start; a record put in its table later with addNodeRecord is dropped again when its first
   * liveness check has not yet run, so bootnodes are the way to join a network.
   */
  static TekuPeer startWithBootnodes(String... enrs) {
    return start(builder -> builder.bootnodes(enrs));
  }

  /** Starts a node after {@code tuning} adjusted the builder (e.g. its trafficReadLimit). */
  static TekuPeer start(UnaryOperator<DiscoverySystemBuilder> tuning) {
    Signer signer = new DefaultSigner(Functions.randomKeyPair().secretKey());
    int port = freeUdpPort();
    NodeRecord record =
        new NodeRecordBuilder().signer(signer).address(LOOPBACK, port).seq(1).build();
    MutableDiscoverySystem system =
        tuning
            .apply(
                new DiscoverySystemBuilder()
                    .listen(LOOPBACK, port)
                    .localNodeRecord(record)
                    .signer(signer))
            .buildMutable();
    try {
      system.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      system.stop();
      throw new IllegalStateException("Teku discovery did not start on port " + port, e);
    } catch (InterruptedException e) {
      system.stop();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting Teku discovery", e);
    }
    return new TekuPeer(system);
  }

  /**
   * A UDP port that was free a moment ago. Teku writes the port into its record before it binds, so
   * it cannot be handed port 0.
   */
  static int freeUdpPort() {
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String implementation() {
    return "teku";
  }

  @Override
  public String enr() {
    return system.getLocalNodeRecord().asEnr();
  }

  /** The library itself, for what the common interface does not cover. */
  MutableDiscoverySystem system() {
    return system;
  }

  @Override
  public CompletableFuture<Void> ping(String enr) {
    return system.ping(decode(enr));
  }

  @Override
  public CompletableFuture<List<String>> findNodes(String enr, List<Integer> distances) {
    return system.findNodes(decode(enr), distances).thenApply(TekuPeer::toEnrs);
  }

  @Override
  public CompletableFuture<List<String>> lookup() {
    return system.searchForNewPeers().thenApply(TekuPeer::toEnrs);
  }

  @Override
  public Set<String> tableNodeIds() {
    return system.getNodeRecordBuckets().stream()
        .flatMap(List::stream)
        .map(r -> r.getNodeId().toUnprefixedHexString())
        .collect(Collectors.toSet());
  }

  @Override
  public String toString() {
    return implementation() + ":" + nodeId().substring(0, 8);
  }

  @Override
  public void close() {
    system.stop();
  }

  private static NodeRecord decode(String enr) {
    return NodeRecordFactory.DEFAULT.fromEnr(enr);
  }

  private static List<String> toEnrs(Collection<NodeRecord> records) {
    return records.stream().map(NodeRecord::asEnr).toList();
  }
}
