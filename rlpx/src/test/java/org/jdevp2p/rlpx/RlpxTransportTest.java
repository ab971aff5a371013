package org.jdevp2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jdevp2p.rlpx.LoopbackNodes.ETH67;
import static org.jdevp2p.rlpx.LoopbackNodes.ETH68;
import static org.jdevp2p.rlpx.LoopbackNodes.LES4;
import static org.jdevp2p.rlpx.LoopbackNodes.SNAP1;
import static org.jdevp2p.rlpx.LoopbackNodes.await;
import static org.jdevp2p.rlpx.LoopbackNodes.take;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.rlpx.Disconnect.Reason;
import org.jdevp2p.rlpx.Disconnection.Side;
import org.jdevp2p.rlpx.LoopbackNodes.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two transports over loopback TCP: handshake, Hello, capabilities, messages, close. */
class RlpxTransportTest {
  private final LoopbackNodes nodes = new LoopbackNodes();

  @AfterEach
  void closeAll() {
    nodes.close();
  }

  private Node node(String clientId, Capability... caps) {
    return nodes.node(clientId, caps);
  }

  @Test
  void dialCompletesAfterHandshakeAndHelloWithThePeersDetails() throws Exception {
    Node a = node("alpha/1", ETH68);
    Node b = node("beta/2", ETH68);
    PeerConnection peer = await(a.transport.dial(b.enode()));
    assertThat(peer.remoteKey()).isEqualTo(b.transport.publicKey());
    assertThat(peer.hello().clientId()).isEqualTo("beta/2");
    assertThat(peer.hello().protocolVersion()).isEqualTo(5);
    assertThat(peer.inbound()).isFalse();
    PeerConnection atB = take(b.connected);
    assertThat(atB.remoteKey()).isEqualTo(a.transport.publicKey());
    assertThat(atB.inbound()).isTrue();
    assertThat(atB.hello().listenPort()).isEqualTo(a.address().getPort());
  }

  @Test
  void bothSidesAgreeOnTheHighestSharedVersionAndTheOffsets() throws Exception {
    Node a = node("a", ETH67, ETH68, SNAP1);
    Node b = node("b", ETH67, ETH68, LES4, SNAP1);
    PeerConnection atA = await(a.transport.dial(b.enode()));
    PeerConnection atB = take(b.connected);
    assertThat(atA.capabilities()).containsExactly(ETH68, SNAP1);
    assertThat(atB.capabilities()).containsExactly(ETH68, SNAP1);
  }

  @Test
  void noSharedCapabilityFailsTheDialAsUselessPeer() throws Exception {
    Node a = node("a", ETH68);
    Node b = node("b", LES4);
    CompletableFuture<PeerConnection> dial = a.transport.dial(b.enode());
    assertThatThrownBy(() -> await(dial))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            PeerDisconnectedException.class,
            e -> assertThat(e.disconnection().reason()).isEqualTo(Reason.USELESS_PEER));
    assertThat(a.transport.counters().count(FailureReason.USELESS_PEER)).isEqualTo(1);
    assertThat(a.connected).isEmpty();
    assertThat(b.connected).isEmpty();
  }

  @Test
  void subProtocolMessagesFlowBothWaysWithRelativeCodes() throws Exception {
    Node a = node("a", ETH68, SNAP1);
    Node b = node("b", SNAP1, ETH68);
    b.echo = SNAP1;
    PeerConnection atA = await(a.transport.dial(b.enode()));
    Bytes payload = Bytes.fromHexString("c483010203");
    await(atA.send(SNAP1, 2, payload));
    assertThat(take(b.codes)).isEqualTo(2);
    assertThat(take(b.messages)).isEqualTo(payload);
    assertThat(take(a.codes)).isEqualTo(3);
    assertThat(take(a.messages)).isEqualTo(payload);
  }

  @Test
  void largeMessageCrossesCompressedAndIntact() throws Exception {
    Node a = node("a", ETH68);
    Node b = node("b", ETH68);
    PeerConnection atA = await(a.transport.dial(b.enode()));
    byte[] big = new byte[4 * 1024 * 1024];
    new java.util.Random(7).nextBytes(big);
    await(atA.send(ETH68, 5, Bytes.wrap(big)));
    assertThat(take(b.messages)).isEqualTo(Bytes.wrap(big));
  }

  @Test
  void pingIsAnsweredWithPong() throws Exception {
    Node a = node("a", ETH68);
    Node b = node("b", ETH68);
    PeerConnection atA = await(a.transport.dial(b.enode()));
    assertThat(await(atA.ping())).isPositive();
  }

  @Test
  void disconnectReachesThePeerWithReasonAndSide() throws Exception {
    Node a = node("a", ETH68);
    Node b = node("b", ETH68);
    PeerConnection atA = await(a.transport.dial(b.enode()));
    take(b.connected);
    atA.disconnect(Reason.TOO_MANY_PEERS);
    assertThat(take(a.disconnected))
        .isEqualTo(new Disconnection(Reason.TOO_MANY_PEERS, Side.LOCAL));
    assertThat(take(b.disconnected))
        .isEqualTo(new Disconnection(Reason.TOO_MANY_PEERS, Side.REMOTE));
  }

  @Test
  void closeDisconnectsEveryPeerAsClientQuitting() throws Exception {
    Node a = node("a", ETH68);
    Node b = node("b", ETH68);
    Node c = node("c", ETH68);
    await(b.transport.dial(a.enode()));
    await(c.transport.dial(a.enode()));
    take(a.connected);
    take(a.connected);
    a.transport.close();
    Disconnection quitting = new Disconnection(Reason.QUITTING, Side.REMOTE);
    assertThat(take(b.disconnected)).isEqualTo(quitting);
    assertThat(take(c.disconnected)).isEqualTo(quitting);
    assertThat(a.transport.peers()).isEmpty();
  }

  @Test
  void dialingAKeyThatIsNotThePeersFailsTheHandshake() throws Exception {
    Node a = node("a", ETH68);
    Node b = node("b", ETH68);
    CompletableFuture<PeerConnection> dial =
        a.transport.dial(PrivateKey.random().publicKey(), b.address());
    assertThatThrownBy(() -> await(dial)).cause().isInstanceOf(PeerDisconnectedException.class);
    assertThat(a.connected).isEmpty();
  }

  @Test
  void dialToAClosedPortFails() throws Exception {
    Node a = node("a", ETH68);
    Node b = node("b", ETH68);
    InetSocketAddress gone = b.address();
    b.transport.close();
    CompletableFuture<PeerConnection> dial = a.transport.dial(b.transport.publicKey(), gone);
    assertThatThrownBy(() -> await(dial)).isInstanceOf(ExecutionException.class);
  }

  @Test
  void readDeadlineAndPingIntervalMustFit() {
    assertThatThrownBy(
            () ->
                RlpxTransport.builder(PrivateKey.random())
                    .capability(ETH68, (p, c, m) -> {})
                    .pingInterval(Duration.ofSeconds(30))
                    .readTimeout(Duration.ofSeconds(30))
                    .build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void authFromANodeWhoseClockIsAnHourBehindIsRefusedAsExpired() throws Exception {
    InstantSource hourBehind = () -> Instant.now().minus(Duration.ofHours(1));
    Node late = nodes.node("late", b -> b.clock(hourBehind), ETH68);
    Node b = node("b", ETH68);
    CompletableFuture<PeerConnection> dial = late.transport.dial(b.enode());
    assertThatThrownBy(() -> await(dial)).cause().isInstanceOf(PeerDisconnectedException.class);
    assertThat(b.count(FailureReason.AUTH_EXPIRED)).isEqualTo(1);
  }

  @Test
  void helloOver2KiBIsRefusedAtStart() {
    RlpxTransport t =
        RlpxTransport.builder(PrivateKey.random())
            .listenAddress(null)
            .clientId("x".repeat(Hello.MAX_SIZE))
            .capability(ETH68, (p, c, m) -> {})
            .build();
    assertThatThrownBy(t::start).isInstanceOf(IllegalStateException.class);
    t.close();
  }
}
