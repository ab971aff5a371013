package org.jdevp2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.node.Enode;
import org.jdevp2p.rlpx.Capability;
import org.jdevp2p.rlpx.Disconnect;
import org.jdevp2p.rlpx.Disconnection;
import org.jdevp2p.rlpx.PeerConnection;
import org.jdevp2p.rlpx.RlpxTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Our RLPx transport against @ethereumjs/devp2p 10.0.0 over loopback, in both directions: the
 * handshake completes, the Hellos are exchanged and each side sees the other's capabilities. Every
 * disconnect, on either side, is printed with its reason.
 */
class RlpxEthereumJsTest {
  private static final Capability ETH68 = new Capability("eth", 68, 17);
  private static final String OUR_CLIENT_ID = "jdevp2p-interop";

  /** What ethereumjs offers by default (no eth/69). */
  private static final List<String> ETHEREUMJS_CAPS =
      List.of("eth/62", "eth/63", "eth/64", "eth/65", "eth/66", "eth/67", "eth/68", "snap/1");

  private final List<AutoCloseable> opened = new ArrayList<>();
  private final ConnectionLog log = new ConnectionLog();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : opened.reversed()) c.close();
  }

  /** Our node: eth/68 with a handler that ignores eth messages (the Hello is what is tested). */
  private RlpxTransport ours(InetSocketAddress listen) {
    RlpxTransport transport =
        RlpxTransport.builder(PrivateKey.random())
            .listenAddress(listen)
            .clientId(OUR_CLIENT_ID)
            .eventLoopThreads(1)
            .capability(ETH68, (peer, code, payload) -> {})
            .listener(log)
            .build();
    opened.add(transport);
    transport.start();
    return transport;
  }

  private EthereumJsPeer track(EthereumJsPeer peer) {
    opened.add(peer);
    return peer;
  }

  /** Their node id as the script prints it: the 64-byte public key in hex. */
  private static String idOf(RlpxTransport transport) {
    return transport.publicKey().toString();
  }

  private PeerConnection dialTheirServer(EthereumJsPeer server, RlpxTransport transport)
      throws Exception {
    Enode theirs = Enode.parse(server.await("listening").get("enode").asText());
    return transport
        .dial(theirs)
        .get(EthereumJsPeer.EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void weDialTheirServerAndBothSeeTheOthersHello() throws Exception {
    EthereumJsPeer server = track(EthereumJsPeer.server());
    RlpxTransport transport = ours(null);

    PeerConnection peer = dialTheirServer(server, transport);
    JsonNode seenByThem = server.await("peer-added");

    assertThat(peer.inbound()).isFalse();
    assertThat(peer.hello().clientId()).startsWith("ethereumjs-devp2p/");
    assertThat(peer.hello().protocolVersion()).isEqualTo(5);
    assertThat(peer.hello().capabilities()).map(Object::toString).isEqualTo(ETHEREUMJS_CAPS);
    assertThat(peer.capabilities()).containsExactly(ETH68);
    assertThat(seenByThem.get("id").asText()).isEqualTo(idOf(transport));
    assertThat(seenByThem.get("clientId").asText()).isEqualTo(OUR_CLIENT_ID);
    assertThat(seenByThem.get("protocolVersion").asInt()).isEqualTo(5);
    assertThat(seenByThem.get("capabilities").toString()).isEqualTo("[\"eth/68\"]");
    assertThat(seenByThem.get("shared").toString()).isEqualTo("[\"eth/68\"]");
  }

  @Test
  void theirClientDialsOurServerAndBothSeeTheOthersHello() throws Exception {
    RlpxTransport transport = ours(new InetSocketAddress("127.0.0.1", 0));
    InetSocketAddress a = transport.listenAddress();
    Enode us = new Enode(transport.publicKey(), a.getAddress(), a.getPort(), a.getPort());

    EthereumJsPeer client = track(EthereumJsPeer.client(us.toString()));
    JsonNode seenByThem = client.await("peer-added");
    PeerConnection peer = ConnectionLog.next(log.connected, "connection from ethereumjs");

    assertThat(peer.inbound()).isTrue();
    assertThat(peer.hello().clientId()).startsWith("ethereumjs-devp2p/");
    assertThat(peer.hello().capabilities()).map(Object::toString).isEqualTo(ETHEREUMJS_CAPS);
    assertThat(peer.capabilities()).containsExactly(ETH68);
    assertThat(seenByThem.get("id").asText()).isEqualTo(idOf(transport));
    assertThat(seenByThem.get("clientId").asText()).isEqualTo(OUR_CLIENT_ID);
    assertThat(seenByThem.get("shared").toString()).isEqualTo("[\"eth/68\"]");
  }

  @Test
  void ourPingIsAnsweredByTheirPong() throws Exception {
    EthereumJsPeer server = track(EthereumJsPeer.server());
    PeerConnection peer = dialTheirServer(server, ours(null));

    Duration roundTrip =
        peer.ping().get(EthereumJsPeer.EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

    assertThat(roundTrip).isPositive();
  }

  @Test
  void ourDisconnectReachesThemWithItsReason() throws Exception {
    EthereumJsPeer server = track(EthereumJsPeer.server());
    PeerConnection peer = dialTheirServer(server, ours(null));
    server.await("peer-added");

    peer.disconnect(Disconnect.Reason.REQUESTED);
    JsonNode removed = server.await("peer-removed");

    assertThat(removed.get("reasonName").asText()).isEqualTo("DISCONNECT_REQUESTED");
    assertThat(removed.get("by").asText()).isEqualTo("them");
  }

  @Test
  void theirDisconnectReachesUsWithItsReason() throws Exception {
    // ethereumjs sends its Disconnect uncompressed even after Snappy is on: we must still read it.
    EthereumJsPeer server = track(EthereumJsPeer.server());
    dialTheirServer(server, ours(null));
    server.await("peer-added");

    server.close(); // the script disconnects its peers with "client quitting", then exits
    Disconnection disconnection =
        ConnectionLog.next(log.disconnected, "Disconnect from ethereumjs");

    assertThat(disconnection.reason()).isEqualTo(Disconnect.Reason.QUITTING);
    assertThat(disconnection.side()).isEqualTo(Disconnection.Side.REMOTE);
  }
}
