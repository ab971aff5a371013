package org.jdevp2p.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.discv5.PacketKind;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;
import org.jdevp2p.rlpx.dial.PeerInfo;
import org.jdevp2p.rlpx.dial.PeerPool;
import org.jdevp2p.rlpx.dial.PoolMetrics;
import org.jdevp2p.rlpx.eth.GenesisBlock;

/**
 * A network of nodes in this process on 127.0.0.1: some run a whole {@link EthNode} (discovery,
 * RLPx, eth, peer pool), the rest discovery only, with a TCP port in their record that no eth node
 * should dial ({@link DialTrap}). Node 0 is every other node's bootnode. What {@code devp2p devnet}
 * shows, and what its test checks.
 */
final class Devnet implements AutoCloseable {

  /**
   * Every node sends from 127.0.0.1, so the per-IP limit on unsolicited packets would treat the
   * whole network as one flooding peer, and the bootnode hears from every node at once: both rate
   * limits are lifted in a devnet.
   */
  private static final int UNLIMITED = 1_000_000;

  /**
   * Request and handshake timeouts: geth's 700 ms is too tight for hundreds of nodes in one JVM on
   * a few cores, where a loop may wait a second for the CPU.
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** One node of the network: discovery only ({@code eth} null) or an eth node. */
  private record Member(int index, Discovery discovery, EthNode eth) {}

  /**
   * One node as the view shows it.
   *
   * @param ethPeers -1 for a discovery-only node
   * @param adsHeld topic ads this node holds as a registrar (0 with topics off)
   * @param registrars registrars holding this node's eth topic ad (0 unless an eth node, topics on)
   */
  record NodeState(
      int index, boolean eth, int tableSize, int ethPeers, int adsHeld, int registrars) {}

  /**
   * The network now.
   *
   * @param ethPeersAllEth every peer any eth node keeps is one of the eth nodes
   * @param nonEthDialled discovery-only nodes that received a TCP connection so far
   * @param packetsSent discovery packets sent by all nodes
   */
  record Snapshot(
      List<NodeState> nodes,
      boolean ethPeersAllEth,
      int nonEthDialled,
      long packetsSent,
      long dialsAttempted,
      long dialsSucceeded,
      Map<String, Long> dialFailures) {

    List<NodeState> ethNodes() {
      return nodes.stream().filter(NodeState::eth).toList();
    }

    List<NodeState> discoveryNodes() {
      return nodes.stream().filter(n -> !n.eth()).toList();
    }

    long ethNodesWithEthPeers() {
      return ethNodes().stream().filter(n -> n.ethPeers() > 0).count();
    }

    /** Eth nodes whose eth topic ad at least one registrar holds now. */
    long ethNodesAdvertised() {
      return ethNodes().stream().filter(n -> n.registrars() > 0).count();
    }

    /** Topic ads held by all registrars together. */
    long adsHeld() {
      return nodes.stream().mapToLong(NodeState::adsHeld).sum();
    }
  }

  private final List<Member> members = new ArrayList<>();
  private final DialTrap trap;
  private final Set<NodeId> ethIds;

  private Devnet(int nodes, int ethNodes, GenesisBlock genesis, boolean topics) {
    trap = new DialTrap(nodes);
    try {
      NodeRecord bootnode = null;
      Set<NodeId> eth = new HashSet<>();
      for (int i = 0; i < nodes; i++) {
        DiscoveryConfig.Builder discovery =
            DiscoveryConfig.builder(PrivateKey.random())
                .bind4(new InetSocketAddress("127.0.0.1", 0))
                .requestTimeout(TIMEOUT)
                .handshakeTimeout(TIMEOUT)
                .perIpLimit(UNLIMITED, UNLIMITED)
                .globalLimit(UNLIMITED, UNLIMITED)
                // hundreds of event loops share a few cores: one polling would hold a core others
                // need, so each sleeps as soon as it has nothing to do
                .pollSpin(Duration.ZERO)
                .topics(topics);
        if (bootnode != null) discovery.bootnodes(List.of(bootnode));
        Member m =
            isEth(i, nodes, ethNodes)
                ? ethMember(i, discovery.build(), genesis)
                : discoveryMember(i, discovery.build());
        members.add(m);
        if (m.eth != null) eth.add(m.discovery.localId());
        if (bootnode == null) bootnode = m.discovery.localRecord();
      }
      ethIds = Set.copyOf(eth);
      trap.start();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Starts {@code nodes} nodes of which {@code ethNodes}, spread evenly over the indices, are eth
   * nodes of {@code genesis}'s chain; with {@code topics} every node serves topic discovery and the
   * eth nodes advertise {@link EthNode#ETH_TOPIC} and search it for peers.
   */
  static Devnet start(int nodes, int ethNodes, GenesisBlock genesis, boolean topics) {
    if (nodes < 1 || ethNodes < 0 || ethNodes > nodes) {
      throw new IllegalArgumentException(ethNodes + " eth nodes of " + nodes);
    }
    return new Devnet(nodes, ethNodes, genesis, topics);
  }

  /** Node i is an eth node when i * ethNodes / nodes steps up at i: evenly spread, node 0 first. */
  private static boolean isEth(int i, int nodes, int ethNodes) {
    return (long) (i + 1) * ethNodes / nodes > (long) i * ethNodes / nodes;
  }

  private static Member ethMember(int index, DiscoveryConfig discovery, GenesisBlock genesis) {
    EthNodeConfig config =
        EthNodeConfig.builder(discovery, genesis)
            .rlpxListen(new InetSocketAddress("127.0.0.1", 0))
            .clientId(Version.clientId() + "/devnet-" + index)
            .rlpxThreads(1)
            .build();
    EthNode node = EthNode.start(config, new PeerPool.Listener() {});
    return new Member(index, node.discovery(), node);
  }

  private Member discoveryMember(int index, DiscoveryConfig config) {
    Discovery discovery = Discovery.start(config);
    int port = trap.open(index);
    discovery.updateRecord(b -> b.tcp(port)).join();
    return new Member(index, discovery, null);
  }

  int size() {
    return members.size();
  }

  Snapshot snapshot() {
    List<NodeState> states = new ArrayList<>();
    boolean allEth = true;
    int nonEthDialled = 0;
    long sent = 0;
    long attempted = 0;
    long succeeded = 0;
    Map<String, Long> failures = new HashMap<>();
    for (Member m : members) {
      for (PacketKind kind : PacketKind.values()) sent += m.discovery.metrics().packetsOut(kind);
      int table = m.discovery.metrics().tableSize();
      int ads = m.discovery.metrics().adsHeld();
      if (m.eth == null) {
        states.add(new NodeState(m.index, false, table, -1, ads, 0));
        if (trap.connections(m.index) > 0) nonEthDialled++;
        continue;
      }
      List<PeerInfo> peers = m.eth.pool().peers();
      allEth &= peers.stream().allMatch(p -> ethIds.contains(p.id()));
      int registrars =
          m.discovery.metrics().activeRegistrations().getOrDefault(EthNode.ETH_TOPIC, 0);
      states.add(new NodeState(m.index, true, table, peers.size(), ads, registrars));
      PoolMetrics pool = m.eth.pool().metrics();
      attempted += pool.dialsAttempted();
      succeeded += pool.dialsSucceeded();
      pool.dialFailures().forEach((why, n) -> failures.merge(why, n, Long::sum));
    }
    return new Snapshot(
        states, allEth, nonEthDialled, sent, attempted, succeeded, sortedByCount(failures));
  }

  private static Map<String, Long> sortedByCount(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  /** Stops every node (eth nodes first, so their peers leave with "client quitting"). */
  @Override
  public void close() {
    // In parallel: each close waits a moment for its peers' Disconnect.
    try (ExecutorService closer = Executors.newVirtualThreadPerTaskExecutor()) {
      members.stream().filter(m -> m.eth != null).forEach(m -> closer.execute(m.eth::close));
    }
    members.stream().filter(m -> m.eth == null).forEach(m -> m.discovery.close());
    trap.close();
  }
}
