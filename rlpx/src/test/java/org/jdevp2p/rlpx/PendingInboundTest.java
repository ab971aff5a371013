package org.jdevp2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jdevp2p.rlpx.LoopbackNodes.ETH68;
import static org.jdevp2p.rlpx.LoopbackNodes.await;
import static org.jdevp2p.rlpx.LoopbackNodes.take;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RlpxTransport.Builder#maxPendingInbound}: geth's MaxPendingPeers, a cap on inbound
 * connections still in their handshake or Hello. The silent peers here are raw sockets that send
 * nothing, so they stay pending until the (long) handshake deadline.
 */
class PendingInboundTest {
  private static final Duration WAIT = Duration.ofSeconds(LoopbackNodes.WAIT_SECONDS);

  /** A handshake deadline no test reaches, so that silent peers stay pending (geth's is 5 s). */
  private static final Duration PATIENT = Duration.ofMinutes(2);

  private final LoopbackNodes nodes = new LoopbackNodes();
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void closeAll() throws IOException {
    for (Socket s : sockets) s.close();
    nodes.close();
  }

  @Test
  void anInboundConnectionBeyondTheCapIsClosedBeforeItsHandshake() throws Exception {
    LoopbackNodes.Node listener =
        nodes.node("listener", b -> b.maxPendingInbound(2).handshakeTimeout(PATIENT), ETH68);
    silentPeer(listener);
    silentPeer(listener);
    awaitTrue(() -> listener.transport.pendingInbound() == 2);

    Socket third = silentPeer(listener);

    third.setSoTimeout((int) WAIT.toMillis());
    assertThat(third.getInputStream().read()).as("closed by the listener").isEqualTo(-1);
    assertThat(listener.count(FailureReason.TOO_MANY_PENDING)).isEqualTo(1);
    assertThat(listener.transport.pendingInbound()).isEqualTo(2);
  }

  @Test
  void aPendingConnectionThatClosesFreesItsSlot() throws Exception {
    LoopbackNodes.Node listener =
        nodes.node("listener", b -> b.maxPendingInbound(1).handshakeTimeout(PATIENT), ETH68);
    Socket first = silentPeer(listener);
    awaitTrue(() -> listener.transport.pendingInbound() == 1);

    first.close();
    awaitTrue(() -> listener.transport.pendingInbound() == 0);
    silentPeer(listener);

    awaitTrue(() -> listener.transport.pendingInbound() == 1);
    assertThat(listener.count(FailureReason.TOO_MANY_PENDING)).isZero();
  }

  @Test
  void aPeerThatFinishesItsHelloFreesItsSlot() throws Exception {
    LoopbackNodes.Node listener =
        nodes.node("listener", b -> b.maxPendingInbound(1).handshakeTimeout(PATIENT), ETH68);
    LoopbackNodes.Node dialer = nodes.node("dialer", ETH68);

    await(dialer.transport.dial(listener.enode()));
    take(listener.connected);

    assertThat(listener.transport.pendingInbound()).isZero();
    silentPeer(listener);
    awaitTrue(() -> listener.transport.pendingInbound() == 1);
    assertThat(listener.count(FailureReason.TOO_MANY_PENDING)).isZero();
  }

  @Test
  void theCapMustAllowOneConnection() {
    assertThatThrownBy(() -> nodes.node("listener", b -> b.maxPendingInbound(0), ETH68))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPendingInbound");
  }

  private Socket silentPeer(LoopbackNodes.Node listener) throws IOException {
    Socket s = new Socket(listener.address().getAddress(), listener.address().getPort());
    sockets.add(s);
    return s;
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(condition.getAsBoolean()).as("within %s", WAIT).isTrue();
  }
}
