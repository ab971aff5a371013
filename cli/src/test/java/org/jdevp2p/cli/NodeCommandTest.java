package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.eth.EthEntry;
import org.jdevp2p.rlpx.eth.GenesisBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code devp2p node} on a chain file, on loopback: a second eth node of the same chain, which
 * introduces itself to the command's node with a PING, is found, dialled and kept, and the command
 * prints it coming and going.
 */
class NodeCommandTest {
  /** Bound on waiting for a line of output: discovery and dial on loopback take well under it. */
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** The other node's request timeout: longer than geth's 700 ms, for a loaded machine. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path dir;

  @Test
  void findsAPeerOfItsChainFileAndPrintsItComingAndGoing() throws Exception {
    Path chainFile = ChainFileTest.devnetFile();
    try (RunningCommand command =
        RunningCommand.start(
            "node",
            "--network",
            chainFile.toString(),
            "--datadir",
            dir.toString(),
            "--addr",
            "127.0.0.1:0",
            "--rlpx-addr",
            "127.0.0.1:0",
            "--verbosity",
            "2")) {
      String enr = command.awaitLine("enr:", WAIT).substring("enr:".length()).strip();
      assertThat(command.awaitLine("network:", WAIT)).contains("devnet (network id 1337)");

      // The other node has no pool: only the command's node dials, so the one connection it keeps
      // is the one that goes when the other quits. (Two pools may dial each other at once, and the
      // connection kept first may be replaced by the other one, before or after the quit.)
      GenesisBlock devnet = ChainFile.read(chainFile);
      PrivateKey key = PrivateKey.random();
      try (PlainEthPeer peer = new PlainEthPeer(key, devnet, "other-node/1");
          Discovery discovery =
              Discovery.start(
                  DiscoveryConfig.builder(key)
                      .bind4(new InetSocketAddress("127.0.0.1", 0))
                      .requestTimeout(REQUEST_TIMEOUT)
                      .build())) {
        discovery
            .updateRecord(
                b -> b.tcp(peer.port()).set(EthEntry.KEY, new EthEntry(peer.forkId()).encode()))
            .join();
        // Our PING's handshake puts our record, with its TCP port and eth entry, in the node's
        // table, and its discovery hands it to its pool; a PING lost on a loaded machine goes
        // again.
        NodeRecord node = NodeRecord.fromText(enr);
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (!command.out().contains("peer +") && System.currentTimeMillis() < deadline) {
          discovery.ping(node).exceptionally(e -> null).join();
          Thread.sleep(100);
        }
        assertThat(command.awaitLine("peer +", WAIT))
            .contains(" dialled \"other-node/1\"")
            .contains("eth/72");
      }
      assertThat(command.awaitLine("client quitting", WAIT))
          .startsWith("peer -")
          .contains("eth/72");

      int exit = command.stop(WAIT);

      assertThat(exit).as(command.err()).isZero();
    }
    assertThat(dir.resolve(DaemonOptions.NODE_KEY_FILE)).exists();
    assertThat(dir.resolve(DaemonOptions.DATABASE_FILE)).exists();
  }

  @Test
  void aChainFileThatDoesNotParseFailsInOneLine() throws Exception {
    Path bad = dir.resolve("chain.json");
    java.nio.file.Files.writeString(bad, "{\"name\": \"x\"");

    Run run = Run.of("node", "--network", bad.toString(), "--datadir", dir.toString());

    assertThat(run.exitCode()).isEqualTo(Failures.FAILED);
    assertThat(run.errLines()).singleElement().asString().contains(bad + ": not JSON");
  }

  @Test
  void aPendingPeerCapBelowOneFailsInOneLine() {
    Run run = Run.of("node", "--maxpendpeers", "0", "--datadir", dir.toString());

    assertThat(run.exitCode()).isEqualTo(Failures.FAILED);
    assertThat(run.errLines()).singleElement().asString().contains("--maxpendpeers: must be >= 1");
  }
}
