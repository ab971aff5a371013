package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.rlpx.dial.PeerPool;
import org.jdevp2p.rlpx.eth.GenesisBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code devp2p node} on a chain file, on loopback: a second eth node of the same chain, which
 * knows the command's node only as a bootnode, is found, dialled and kept, and the command prints
 * it coming and going.
 */
class NodeCommandTest {
  /** Bound on waiting for a line of output: discovery and dial on loopback take well under it. */
  private static final long WAIT_MILLIS = 30_000;

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
    Thread node =
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

    GenesisBlock devnet = ChainFile.read(chainFile);
    EthNodeConfig other =
        EthNodeConfig.builder(
                DiscoveryConfig.builder(PrivateKey.random())
                    .bootnodes(List.of(NodeRecord.fromText(enr)))
                    .build(),
                devnet)
            .rlpxListen(new InetSocketAddress("127.0.0.1", 0))
            .rlpxThreads(1)
            .clientId("other-node/1")
            .build();
    try (EthNode peer = EthNode.start(other, new PeerPool.Listener() {})) {
      assertThat(awaitOutput("peer +")).contains("\"other-node/1\"").contains("eth/72");
    }
    // Both nodes may dial each other at once; the duplicate link goes ("already connected"), the
    // other one stays until its node quits.
    assertThat(awaitOutput("client quitting")).startsWith("peer -").contains("eth/72");
    node.interrupt();
    node.join(WAIT_MILLIS);

    assertThat(node.isAlive()).isFalse();
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
