package org.jdevp2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdevp2p.rlpx.LoopbackNodes.ETH68;
import static org.jdevp2p.rlpx.LoopbackNodes.await;
import static org.jdevp2p.rlpx.LoopbackNodes.take;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.rlpx.Disconnect.Reason;
import org.jdevp2p.rlpx.Disconnection.Side;
import org.jdevp2p.rlpx.LoopbackNodes.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A peer that stops reading cannot make us buffer without bound. */
class BackPressureTest {
  /** The server's outbound bound in this test. */
  private static final long QUEUE_BOUND = 1024 * 1024;

  /** Enough 64 KiB sends to fill any loopback socket buffer many times over. */
  private static final int MAX_SENDS = 10_000;

  private final LoopbackNodes nodes = new LoopbackNodes();

  @AfterEach
  void close() {
    nodes.close();
  }

  @Test
  void peerThatDoesNotReadIsDroppedWhenItsQueuePassesTheBound() throws Exception {
    Node server = nodes.node("server", b -> b.maxQueuedBytes(QUEUE_BOUND), ETH68);
    Node other = nodes.node("bystander", ETH68);
    PeerConnection bystander = await(other.transport.dial(server.enode()));
    take(server.connected);
    try (RoguePeer sleeper = new RoguePeer(server.transport.publicKey(), server.address())) {
      sleeper.exchangeHellos(ETH68);
      PeerConnection peer = take(server.connected);
      byte[] incompressible = new byte[64 * 1024];
      new Random(3).nextBytes(incompressible);
      Bytes payload = Bytes.wrap(incompressible);
      CompletableFuture<Void> last = null;
      for (int i = 0; i < MAX_SENDS && (last == null || !last.isCompletedExceptionally()); i++) {
        last = peer.send(ETH68, 0, payload);
      }
      assertThat(last).isCompletedExceptionally();
      assertThat(take(server.disconnected))
          .isEqualTo(new Disconnection(Reason.NETWORK_ERROR, Side.LOCAL));
      assertThat(server.count(FailureReason.WRITE_STALLED)).isEqualTo(1);
    }
    assertThat(await(bystander.ping())).isPositive();
  }
}
