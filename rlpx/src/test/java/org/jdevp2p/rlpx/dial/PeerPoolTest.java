package org.jdevp2p.rlpx.dial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jdevp2p.rlpx.dial.PoolNodes.await;
import static org.jdevp2p.rlpx.dial.PoolNodes.take;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.rlpx.Disconnect;
import org.jdevp2p.rlpx.Disconnection;
import org.jdevp2p.rlpx.PeerConnection;
import org.jdevp2p.rlpx.eth.EthVersion;
import org.jdevp2p.rlpx.eth.GenesisBlock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The peer pool over loopback, against our own RlpxTransports. */
class PeerPoolTest {
  private final PoolNodes nodes = new PoolNodes();

  @AfterEach
  void closeAll() throws Exception {
    nodes.close();
  }

  private static PeerConnection dialInto(PoolNodes.Peer from, PoolNodes.PoolNode to)
      throws Exception {
    return from.transport
        .dial(to.transport.publicKey(), to.transport.listenAddress())
        .get(PoolNodes.WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** A record whose TCP port nobody listens on. */
  private static NodeRecord unreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return NodeRecord.builder()
        .ip(java.net.InetAddress.getLoopbackAddress())
        .tcp(port)
        .sign(PrivateKey.random());
  }

  @Test
  void keepsAnEthPeerItDialsOnceItsStatusIsAccepted() throws Exception {
    PoolNodes.PoolNode node = nodes.poolNode(c -> c);
    PoolNodes.Peer peer = nodes.ethPeer();

    node.candidates.offer(peer.record());

    PeerInfo kept = take(node.added);
    assertThat(kept.id()).isEqualTo(peer.record().nodeId());
    assertThat(kept.clientId()).isEqualTo("pool-test");
    assertThat(kept.ethVersion()).isEqualTo(EthVersion.ETH72);
    assertThat(kept.address()).isEqualTo(peer.transport.listenAddress());
    assertThat(kept.inbound()).isFalse();
    assertThat(node.metrics().dialsSucceeded()).isEqualTo(1);
    assertThat(node.pool.peers()).containsExactly(kept);
  }

  @Test
  void neverHoldsMoreThanMaxPeers() throws Exception {
    // every slot may be dialled, and up to twice the free slots are dialled at once (geth), so
    // some of the four candidates may connect only to be told there is no room
    PoolNodes.PoolNode node = nodes.poolNode(c -> c.maxPeers(2).dialRatio(1));
    for (int i = 0; i < 4; i++) node.candidates.offer(nodes.ethPeer().record());
    take(node.added);
    take(node.added);
    await(
        "every dial ended",
        () -> {
          PoolMetrics m = node.metrics();
          return m.dialsSucceeded() + m.dialsFailed() == m.dialsAttempted();
        });

    PoolMetrics m = node.metrics();
    assertThat(m.keptPeers()).isEqualTo(2);
    assertThat(m.outboundPeers()).isEqualTo(2);
    assertThat(m.dialFailures().keySet())
        .isSubsetOf(Set.of(Disconnect.Reason.TOO_MANY_PEERS.description()));
    assertThat(node.added).isEmpty();
  }

  @Test
  void leavesNoMoreThanItsInboundShareToPeersThatDialIt() throws Exception {
    // 3 peers, ratio 3: one slot for dialled peers, two for inbound ones
    PoolNodes.PoolNode node = nodes.poolNode(c -> c.maxPeers(3).dialRatio(3));
    PoolNodes.Peer third = nodes.ethPeer();
    // A dial ends at the dialler once it has our Hello, maybe before we have read its Hello: wait
    // for the node to admit each peer, or a later peer's Hello may take an earlier one's slot.
    for (int i = 1; i <= 2; i++) {
      dialInto(nodes.ethPeer(), node);
      int admitted = i;
      await("peer " + i + " admitted", () -> node.metrics().inboundPeers() == admitted);
    }
    dialInto(third, node);

    Disconnection refused = take(third.disconnected);

    assertThat(refused)
        .isEqualTo(new Disconnection(Disconnect.Reason.TOO_MANY_PEERS, Disconnection.Side.REMOTE));
    take(node.added);
    take(node.added);
    assertThat(node.metrics().inboundPeers()).isEqualTo(2);
    assertThat(node.metrics().keptPeers()).isEqualTo(2);
  }

  @Test
  void redialsAStaticPeerAfterItDisconnects() throws Exception {
    PoolNodes.Peer stat = nodes.ethPeer();
    PoolNodes.PoolNode node = nodes.poolNode(c -> c.staticPeers(List.of(stat.enode())));
    assertThat(take(node.added).isStatic()).isTrue();

    take(stat.connected).disconnect(Disconnect.Reason.REQUESTED);
    take(node.removed);
    nodes.clock.advance(PeerPoolConfig.DEFAULT_DIAL_HISTORY_EXPIRATION);

    PeerInfo again = take(node.added);
    assertThat(again.id()).isEqualTo(stat.enode().nodeId());
    assertThat(node.metrics().dialsAttempted()).isEqualTo(2);
  }

  @Test
  void doesNotDialANodeTwiceAtOnce() throws Exception {
    PoolNodes.PoolNode node = nodes.poolNode(c -> c);
    PoolNodes.Peer twice = nodes.ethPeer();
    PoolNodes.Peer other = nodes.ethPeer();

    node.candidates.offer(twice.record());
    node.candidates.offer(twice.record());
    node.candidates.offer(other.record());
    take(node.added);
    take(node.added);

    assertThat(node.metrics().dialsAttempted()).isEqualTo(2);
    assertThat(twice.connected).hasSize(1);
  }

  @Test
  void doesNotRedialAFailedNodeWithinTheDialHistory() throws Exception {
    PoolNodes.PoolNode node = nodes.poolNode(c -> c);
    NodeRecord dead = unreachable();
    node.candidates.offer(dead);
    await("the dial fails", () -> node.metrics().dialsFailed() == 1);

    node.candidates.offer(dead);
    node.candidates.offer(nodes.ethPeer().record());
    take(node.added);

    assertThat(node.metrics().dialsAttempted()).isEqualTo(2);
    assertThat(node.metrics().dialFailures()).containsEntry(PeerPool.CONNECT_FAILED, 1L);
  }

  @Test
  void redialsAFailedNodeOnceTheDialHistoryExpires() throws Exception {
    PoolNodes.PoolNode node = nodes.poolNode(c -> c);
    NodeRecord dead = unreachable();
    node.candidates.offer(dead);
    await("the dial fails", () -> node.metrics().dialsFailed() == 1);

    nodes.clock.advance(PeerPoolConfig.DEFAULT_DIAL_HISTORY_EXPIRATION);
    node.candidates.offer(dead);

    await("the second dial fails", () -> node.metrics().dialsFailed() == 2);
    assertThat(node.metrics().dialFailures()).containsEntry(PeerPool.CONNECT_FAILED, 2L);
  }

  @Test
  void refusesASecondInboundConnectionFromOneIpWithinTheThrottleWindow() throws Exception {
    PoolNodes.PoolNode node = nodes.poolNode(c -> c.throttleLanAddresses(true));
    dialInto(nodes.ethPeer(), node);
    await("the first peer admitted", () -> node.metrics().inboundPeers() == 1);
    PoolNodes.Peer second = nodes.ethPeer();

    assertThatThrownBy(() -> dialInto(second, node)).isInstanceOf(ExecutionException.class);

    assertThat(node.metrics().inboundRefused()).isEqualTo(1);
    assertThat(node.metrics().inboundPeers()).isEqualTo(1);
  }

  @Test
  void acceptsTheNextInboundConnectionFromAnIpOnceTheThrottleWindowPassed() throws Exception {
    PoolNodes.PoolNode node = nodes.poolNode(c -> c.throttleLanAddresses(true));
    dialInto(nodes.ethPeer(), node);

    nodes.clock.advance(PeerPoolConfig.DEFAULT_INBOUND_THROTTLE_TIME);
    dialInto(nodes.ethPeer(), node);

    take(node.added);
    take(node.added);
    assertThat(node.metrics().inboundRefused()).isZero();
  }

  @Test
  void doesNotThrottleLoopbackByDefault() throws Exception {
    PoolNodes.PoolNode node = nodes.poolNode(c -> c);
    dialInto(nodes.ethPeer(), node);
    dialInto(nodes.ethPeer(), node);

    take(node.added);
    take(node.added);
    assertThat(node.metrics().inboundRefused()).isZero();
  }

  @Test
  void acceptsOneConnectionPerNodeWhicheverSideDialled() throws Exception {
    PoolNodes.PoolNode node = nodes.poolNode(c -> c);
    PoolNodes.Peer peer = nodes.ethPeer();
    dialInto(peer, node);
    take(node.added);

    // the pool is told of the node it is already connected to
    node.candidates.offer(peer.record());
    PoolNodes.Peer other = nodes.ethPeer();
    node.candidates.offer(other.record());
    take(node.added);

    assertThat(peer.connected).hasSize(1);
    assertThat(node.metrics().dialsAttempted()).isEqualTo(1);
  }

  @Test
  void aSecondConnectionOfAConnectedNodeIsRefusedAsAlreadyConnected() throws Exception {
    PoolNodes.PoolNode node = nodes.poolNode(c -> c);
    PoolNodes.Peer peer = nodes.ethPeer();
    dialInto(peer, node);
    take(node.added);

    dialInto(peer, node);

    assertThat(take(peer.disconnected))
        .isEqualTo(
            new Disconnection(Disconnect.Reason.ALREADY_CONNECTED, Disconnection.Side.REMOTE));
    assertThat(node.metrics().inboundPeers()).isEqualTo(1);
  }

  @Test
  void aPeerWhoseHelloLacksEthFreesItsDialSlot() throws Exception {
    // one dial at a time: the eth peer is dialled only once the other dial has let go
    PoolNodes.PoolNode node = nodes.poolNode(c -> c.maxActiveDials(1));
    node.candidates.offer(nodes.nonEthPeer().record());
    PoolNodes.Peer eth = nodes.ethPeer();
    node.candidates.offer(eth.record());

    assertThat(take(node.added).id()).isEqualTo(eth.record().nodeId());
    assertThat(node.metrics().dialFailures())
        .containsEntry(Disconnect.Reason.USELESS_PEER.description(), 1L);
  }

  @Test
  void aConnectedPeerWithoutEthIsDroppedAsUseless() throws Exception {
    // the node runs a second capability, so a peer sharing only that one passes Hello
    PoolNodes.PoolNode node = nodes.poolNode(c -> c, PoolNodes.OTHER);
    PoolNodes.Peer other = nodes.nonEthPeer();
    node.candidates.offer(other.record());

    assertThat(take(other.disconnected))
        .isEqualTo(new Disconnection(Disconnect.Reason.USELESS_PEER, Disconnection.Side.REMOTE));
    assertThat(node.metrics().outboundPeers()).isZero();
  }

  @Test
  void aPeerWhoseStatusFailsFreesItsSlot() throws Exception {
    // one slot; the first candidate is on sepolia, so its Status fails
    PoolNodes.PoolNode node = nodes.poolNode(c -> c.maxPeers(1).dialRatio(1).maxActiveDials(1));
    PoolNodes.Peer sepolia = nodes.ethPeer(GenesisBlock.SEPOLIA);
    PoolNodes.Peer mainnet = nodes.ethPeer();
    node.candidates.offer(sepolia.record());
    node.candidates.offer(mainnet.record());

    assertThat(take(node.added).id()).isEqualTo(mainnet.record().nodeId());
    assertThat(take(sepolia.disconnected).reason()).isEqualTo(Disconnect.Reason.SUBPROTOCOL_ERROR);
    assertThat(node.metrics().dialsFailed()).isEqualTo(1);
  }

  @Test
  void anInboundPeerWhoseStatusFailedIsNotDialledWithinTheDialHistory() throws Exception {
    PoolNodes.PoolNode node = nodes.poolNode(c -> c);
    PoolNodes.Peer sepolia = nodes.ethPeer(GenesisBlock.SEPOLIA);
    dialInto(sepolia, node);
    take(sepolia.disconnected);

    node.candidates.offer(sepolia.record());
    node.candidates.offer(nodes.ethPeer().record());
    take(node.added);

    assertThat(node.metrics().dialsAttempted()).isEqualTo(1);
  }

  @Test
  void closingThePoolClosesItsCandidateSource() throws Exception {
    PoolNodes.PoolNode node = nodes.poolNode(c -> c);

    node.pool.close();

    assertThat(node.candidates.isClosed()).isTrue();
  }

  @Test
  void twoNodesDiallingEachOtherAtOnceKeepOneConnection() throws Exception {
    PoolNodes.PoolNode a = nodes.poolNode(c -> c);
    PoolNodes.PoolNode b = nodes.poolNode(c -> c);

    a.candidates.offer(b.record());
    b.candidates.offer(a.record());

    // the same connection on both sides: outbound at one end, inbound at the other
    await(
        "one shared connection",
        () -> {
          List<PeerInfo> atA = a.pool.peers();
          List<PeerInfo> atB = b.pool.peers();
          return atA.size() == 1
              && atB.size() == 1
              && atA.getFirst().inbound() != atB.getFirst().inbound();
        });
  }
}
