package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.discv5.PacketKind;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;
import org.jdevp2p.rlpx.dial.PeerInfo;
import org.jdevp2p.rlpx.dial.PeerPool;
import org.jdevp2p.rlpx.dial.PeerPoolConfig;
import org.jdevp2p.rlpx.eth.GenesisBlock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 200 nodes on 127.0.0.1 in one process, one in ten serving eth: discovery alone must lead every
 * eth node to eth peers, and never to the others. The other nodes' records name a TCP port too,
 * that of one shared listener that only counts connections: any dial of a non-eth node lands there.
 */
class EthNetworkTest {
  private static final int NODES = 200;

  /** Every tenth node serves eth (10 %). */
  private static final int ETH_EVERY = 10;

  /**
   * How long the eth nodes have to find a peer: a bound, not a measurement. On a loaded two-core
   * machine the 200 nodes start in about 10 s and the eth nodes then need a few lookups each.
   */
  private static final Duration DEADLINE = Duration.ofSeconds(75);

  /**
   * Request and handshake timeouts: geth's 700 ms is too tight for 200 JVM-hosted nodes on two
   * cores, where one loop may wait a second for the CPU.
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  /**
   * Per-IP and global rate limits raised far above their defaults: all 200 nodes share 127.0.0.1,
   * so the per-IP limit would treat the whole network as one flooding peer.
   */
  private static final int UNLIMITED = 1_000_000;

  private final List<Discovery> plain = new ArrayList<>();
  private final List<EthNode> eth = new ArrayList<>();
  private Trap trap;

  /** A TCP listener that counts the connections it accepts and closes them. */
  private static final class Trap {
    final ServerSocket socket;
    final AtomicLong accepted = new AtomicLong();
    final Thread acceptor;

    Trap() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = Thread.ofPlatform().daemon().name("trap").start(this::run);
    }

    private void run() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          accepted.incrementAndGet();
          s.close();
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    void stop() throws IOException, InterruptedException {
      socket.close();
      acceptor.join();
    }
  }

  /** Topic discovery on or off in every node of a run. */
  private boolean topics;

  private DiscoveryConfig.Builder discovery(List<NodeRecord> bootnodes) {
    return DiscoveryConfig.builder(PrivateKey.random())
        .topics(topics)
        .bind4(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .requestTimeout(TIMEOUT)
        .handshakeTimeout(TIMEOUT)
        .perIpLimit(UNLIMITED, UNLIMITED)
        .globalLimit(UNLIMITED, UNLIMITED)
        .pollSpin(Duration.ZERO) // 200 event loops on two cores: none may hold one polling
        .bootnodes(bootnodes);
  }

  private Discovery startPlain(List<NodeRecord> bootnodes) {
    Discovery node = Discovery.start(discovery(bootnodes).build());
    plain.add(node);
    node.updateRecord(b -> b.tcp(trap.socket.getLocalPort())).join();
    return node;
  }

  private EthNode startEth(List<NodeRecord> bootnodes) {
    EthNodeConfig config =
        EthNodeConfig.builder(discovery(bootnodes).build(), GenesisBlock.MAINNET)
            .rlpxListen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .rlpxThreads(1)
            .pool(PeerPoolConfig.builder().build())
            .build();
    EthNode node = EthNode.start(config, new PeerPool.Listener() {});
    eth.add(node);
    return node;
  }

  @AfterEach
  void closeAll() throws Exception {
    // in parallel: each close waits a moment for its peers or its loop
    try (ExecutorService closer = Executors.newVirtualThreadPerTaskExecutor()) {
      eth.forEach(n -> closer.execute(n::close));
      plain.forEach(n -> closer.execute(n::close));
    }
    if (trap != null) trap.stop();
  }

  /**
   * Run with the ENR filter alone, then with topics on (every node a registrar, the eth nodes
   * advertising and searching the eth topic); the message counts printed by the two runs are a
   * benchmark, not an assertion.
   */
  @ParameterizedTest(name = "topics {0}")
  @ValueSource(booleans = {false, true})
  void everyEthNodeFindsEthPeersAndNoOtherNodeIsEverDialled(boolean topics) throws Exception {
    this.topics = topics;
    trap = new Trap();
    long begin = System.nanoTime();
    List<NodeRecord> boot = List.of(startPlain(List.of()).localRecord());
    for (int i = 1; i < NODES; i++) {
      if (i % ETH_EVERY == ETH_EVERY - 1) startEth(boot);
      else startPlain(boot);
    }
    assertThat(eth).hasSize(NODES / ETH_EVERY);
    long started = System.nanoTime();
    System.out.printf("%d nodes started in %d ms%n", NODES, (started - begin) / 1_000_000);

    // The assertions read the state that ended the wait: when two eth nodes dial each other at
    // once, the connection kept first may be replaced by the other (PeerPool's tie-break), and the
    // node holds no peer for a moment, until the winner's Status is accepted.
    long deadline = started + DEADLINE.toNanos();
    Map<EthNode, List<PeerInfo>> peersOf = peersOf(eth);
    while (peersOf.values().stream().anyMatch(List::isEmpty) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      peersOf = peersOf(eth);
    }
    long elapsedMillis = (System.nanoTime() - begin) / 1_000_000;
    long messages =
        packetsSent(Stream.concat(plain.stream(), eth.stream().map(EthNode::discovery)));
    long ethMessages = packetsSent(eth.stream().map(EthNode::discovery));

    Set<NodeId> ethIds = eth.stream().map(n -> n.discovery().localId()).collect(Collectors.toSet());
    System.out.printf(
        "topics %s: %d nodes, %d serving eth: every eth node had an eth peer %d ms after the first"
            + " node started, %d discovery packets sent by all nodes by then (%d by the eth nodes);"
            + " %d dials, %d peers kept%n",
        topics ? "on" : "off",
        NODES,
        eth.size(),
        elapsedMillis,
        messages,
        ethMessages,
        eth.stream().mapToLong(n -> n.pool().metrics().dialsAttempted()).sum(),
        peersOf.values().stream().mapToLong(List::size).sum());
    for (EthNode node : eth) {
      List<PeerInfo> peers = peersOf.get(node);
      assertThat(peers).as("eth peers of %s", node.discovery().localId()).isNotEmpty();
      assertThat(peers).extracting(PeerInfo::id).allMatch(ethIds::contains);
    }
    assertThat(trap.accepted).as("connections to non-eth nodes").hasValue(0);
  }

  private static Map<EthNode, List<PeerInfo>> peersOf(List<EthNode> nodes) {
    Map<EthNode, List<PeerInfo>> peers = new HashMap<>();
    for (EthNode n : nodes) peers.put(n, n.pool().peers());
    return peers;
  }

  private static long packetsSent(Stream<Discovery> nodes) {
    return nodes
        .mapToLong(
            d -> Stream.of(PacketKind.values()).mapToLong(k -> d.metrics().packetsOut(k)).sum())
        .sum();
  }
}
