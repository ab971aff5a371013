package org.jdevp2p.interop;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * Our discv5 node, on 127.0.0.1 with a fresh key and {@link DiscoveryConfig}'s defaults but for the
 * request and handshake timeouts.
 */
final class JdevpPeer implements Discv5Peer {
  /**
   * Longer than geth's 700 ms default: a test JVM's first handshake runs cold (class loading,
   * interpreter) and took over a second here on a loaded 2-core machine, and so does a Teku or
   * Node.js peer answering its first one. The other implementations wait 1 s or more too.
   */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

  /**
   * How long a WHOAREYOU we sent stays valid, longer than geth's 1 s for the same reason: a peer's
   * first handshake answer is cold too. Teku PINGs its bootnodes once at start, never again, and
   * waits 60 s for the PONG: a handshake that reaches our bootnode after its challenge expired is
   * dropped unanswered, and that Teku node stays out of the network for the whole test.
   */
  static final Duration HANDSHAKE_TIMEOUT = REQUEST_TIMEOUT;

  private final Discovery discovery;

  private JdevpPeer(Discovery discovery) {
    this.discovery = discovery;
  }

  static JdevpPeer start() {
    return startWithBootnodes();
  }

  static JdevpPeer startWithBootnodes(String... enrs) {
    List<NodeRecord> bootnodes = Arrays.stream(enrs).map(NodeRecord::fromText).toList();
    return new JdevpPeer(
        Discovery.start(
            DiscoveryConfig.builder(PrivateKey.random())
                .bootnodes(bootnodes)
                .requestTimeout(REQUEST_TIMEOUT)
                .handshakeTimeout(HANDSHAKE_TIMEOUT)
                .build()));
  }

  @Override
  public String implementation() {
    return "jdevp2p";
  }

  @Override
  public String enr() {
    return discovery.localRecord().toText();
  }

  @Override
  public CompletableFuture<Void> ping(String enr) {
    return discovery.ping(NodeRecord.fromText(enr)).thenApply(pong -> null);
  }

  @Override
  public CompletableFuture<List<String>> findNodes(String enr, List<Integer> distances) {
    return discovery.findNodes(NodeRecord.fromText(enr), distances).thenApply(JdevpPeer::toText);
  }

  @Override
  public CompletableFuture<List<String>> lookup() {
    return discovery.lookup(new NodeId(Bytes32.random())).thenApply(JdevpPeer::toText);
  }

  @Override
  public Set<String> tableNodeIds() {
    return Await.done(discovery.tableNodes(), this + " table").stream()
        .map(r -> r.nodeId().bytes().toUnprefixedHexString())
        .collect(Collectors.toSet());
  }

  @Override
  public String toString() {
    return implementation() + ":" + nodeId().substring(0, 8);
  }

  @Override
  public void close() {
    discovery.close();
  }

  private static List<String> toText(List<NodeRecord> records) {
    return records.stream().map(NodeRecord::toText).toList();
  }
}
