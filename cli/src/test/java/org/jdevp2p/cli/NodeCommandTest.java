package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
import picocli.CommandLine;

/**
 * {@code devp2p node} on a chain file, on loopback: a second eth node of the same chain, which
 * introduces itself to the command's node with a PING, is found, dialled and kept, and the command
 * prints it coming and going.
 */
class NodeCommandTest {
  /** Bound on waiting for a line of output: discovery and dial on loopback take well under it. */
  private static final long WAIT_MILLIS = 30_000;

  /** The other node's request timeout: longer than geth's 700 ms, for a loaded machine. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path dir;

  private int runWatched(String... args) {
    CommandLine cli = Devp2pCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void findsAPeerOfItsChainFileAndPrintsItComingAndGoing() throws Exception {
    Path chainFile = ChainFileTest.devnetFile();
    int[] exit = {-1};
    Thread command =
        Thread.ofPlatform()
            .start(
                () ->
                    exit[0] =
                        runWatched(
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
                            "2"));
    String enr = awaitOutput("enr:").substring("enr:".length()).strip();
    assertThat(awaitOutput("network:")).contains("devnet (network id 1337)");

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
      // table, and its discovery hands it to its pool; a PING lost on a loaded machine goes again.
      NodeRecord node = NodeRecord.fromText(enr);
      long deadline = System.currentTimeMillis() + WAIT_MILLIS;
      while (!out.toString().contains("peer +") && System.currentTimeMillis() < deadline) {
        discovery.ping(node).exceptionally(e -> null).join();
        Thread.sleep(100);
      }
      assertThat(awaitOutput("peer +")).contains(" dialled \"other-node/1\"").contains("eth/72");
    }
    assertThat(awaitOutput("client quitting")).startsWith("peer -").contains("eth/72");
    command.interrupt();
    command.join(WAIT_MILLIS);

    assertThat(command.isAlive()).isFalse();
    assertThat(exit[0]).as(err.toString()).isZero();
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

  /** The first output line containing {@code text}, once it has been printed. */
  private String awaitOutput(String text) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      for (String line : out.toString().split("\n")) {
        if (line.contains(text)) return line;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no \"" + text + "\" in output: " + out + err);
  }
}
