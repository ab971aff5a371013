package org.jdevp2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jdevp2p.rlpx.LoopbackNodes.ETH68;
import static org.jdevp2p.rlpx.LoopbackNodes.await;
import static org.jdevp2p.rlpx.LoopbackNodes.take;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link RlpxTransport.Builder#inboundFilter}: deciding on accepted connections by address. */
class InboundFilterTest {
  private final LoopbackNodes nodes = new LoopbackNodes();

  @AfterEach
  void closeAll() {
    nodes.close();
  }

  @Test
  void aRefusedConnectionIsClosedBeforeAnyHandshake() {
    LoopbackNodes.Node listener = nodes.node("listener", b -> b.inboundFilter(a -> false), ETH68);
    LoopbackNodes.Node dialer = nodes.node("dialer", ETH68);

    assertThatThrownBy(() -> await(dialer.transport.dial(listener.enode())))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(PeerDisconnectedException.class);
    assertThat(listener.connected).isEmpty();
    for (FailureReason reason : FailureReason.values()) assertThat(listener.count(reason)).isZero();
  }

  @Test
  void theFilterIsAskedWithThePeersAddressAndAnAcceptedPeerConnects() throws Exception {
    BlockingQueue<InetSocketAddress> asked = new LinkedBlockingQueue<>();
    LoopbackNodes.Node listener =
        nodes.node("listener", b -> b.inboundFilter(a -> asked.add(a)), ETH68);
    LoopbackNodes.Node dialer = nodes.node("dialer", ETH68);

    await(dialer.transport.dial(listener.enode()));

    assertThat(take(asked).getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(take(listener.connected).inbound()).isTrue();
  }

  @Test
  void ourOwnDialsAreNotFiltered() throws Exception {
    LoopbackNodes.Node dialer = nodes.node("dialer", b -> b.inboundFilter(a -> false), ETH68);
    LoopbackNodes.Node listener = nodes.node("listener", ETH68);

    assertThat(await(dialer.transport.dial(listener.enode())).isOpen()).isTrue();
  }
}
