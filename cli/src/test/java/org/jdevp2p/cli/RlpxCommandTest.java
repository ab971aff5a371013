package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.Enode;
import org.jdevp2p.rlpx.Capability;
import org.jdevp2p.rlpx.RlpxTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code devp2p rlpx ping|listen} against our own transport over loopback. */
class RlpxCommandTest {
  private static final Capability ETH68 = new Capability("eth", 68, 17);

  /** Bound on waiting for the listen command's output: loopback handshakes take milliseconds. */
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final List<RlpxTransport> transports = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void closeAll() {
    transports.forEach(RlpxTransport::close);
  }

  private RlpxTransport transport(String clientId, InetSocketAddress listen) {
    return transport(PrivateKey.random(), clientId, listen);
  }

  private RlpxTransport transport(PrivateKey key, String clientId, InetSocketAddress listen) {
    RlpxTransport t =
        RlpxTransport.builder(key)
            .listenAddress(listen)
            .clientId(clientId)
            .eventLoopThreads(1)
            .capability(ETH68, (peer, code, payload) -> {})
            .build();
    transports.add(t);
    t.start();
    return t;
  }

  private static Enode enode(RlpxTransport t) {
    InetSocketAddress a = t.listenAddress();
    return new Enode(t.publicKey(), a.getAddress(), a.getPort(), a.getPort());
  }

  @Test
  void pingPrintsTheNodesHelloAndRoundTrip() {
    RlpxTransport node = transport("ping-target/v1", new InetSocketAddress("127.0.0.1", 0));

    Run run = Run.of("rlpx", "ping", enode(node).toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("client id:  ping-target/v1")
        .contains("protocol:   p2p/5")
        .contains("offers:     eth/68")
        .contains("shared:     eth/68")
        .containsPattern("round trip: [0-9.]+ ms");
  }

  @Test
  void pingReachesTheTcpEndpointOfAnEnr() {
    PrivateKey key = PrivateKey.random();
    RlpxTransport node = transport(key, "enr-target/v1", new InetSocketAddress("127.0.0.1", 0));
    InetSocketAddress a = node.listenAddress();
    NodeRecord record = NodeRecord.builder().ip(a.getAddress()).tcp(a.getPort()).sign(key);

    Run run = Run.of("rlpx", "ping", record.toText());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("client id:  enr-target/v1");
  }

  @Test
  void pingOfAPortNobodyListensOnFailsWithOneLine() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Enode nobody =
        new Enode(
            PrivateKey.random().publicKey(), java.net.InetAddress.getLoopbackAddress(), port, port);

    Run run = Run.of("rlpx", "ping", "--timeout", "5s", nobody.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("devp2p rlpx ping: cannot connect to 127.0.0.1:" + port + ": ");
  }

  @Test
  void pingOfTextThatIsNoNodeFails() {
    Run run = Run.of("rlpx", "ping", "127.0.0.1:30303");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("not an enode URL or ENR");
  }

  @Test
  void listenPrintsEachPeersHelloUntilInterrupted() throws Exception {
    Path key = dir.resolve("nodekey");
    KeyFiles.write(key, PrivateKey.random(), false);
    try (RunningCommand listen =
        RunningCommand.start("rlpx", "listen", "--key", key.toString(), "--addr", "127.0.0.1:0")) {
      String listening = listen.awaitLine("listening on ", WAIT);
      Enode us = Enode.parse(listening.substring(listening.indexOf("enode://")).strip());

      RlpxTransport dialer = transport("dialer/v2", null);
      dialer.dial(us).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      listen.awaitLine("connected ", WAIT);
      int exit = listen.stop(WAIT);

      assertThat(exit).isZero();
      assertThat(listen.out())
          .contains("inbound: client id \"dialer/v2\", p2p/5, offers eth/68, shared eth/68")
          .contains("gone ");
    }
  }

  @Test
  void listenOnAPortInUseFailsWithOneLine() throws IOException {
    Path key = dir.resolve("nodekey");
    KeyFiles.write(key, PrivateKey.random(), false);
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      String addr = "127.0.0.1:" + taken.getLocalPort();

      Run run = Run.of("rlpx", "listen", "--key", key.toString(), "--addr", addr);

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.errLines())
          .singleElement()
          .asString()
          .startsWith("devp2p rlpx listen: cannot listen on " + addr + ": ");
    }
  }
}
