package org.jdevp2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jdevp2p.cli.Devp2pCommand;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The devp2p discv5 toolbox (issue 5) against a mixed network on 127.0.0.1: two of our nodes, a
 * Teku node and a ChainSafe node, the last three joined through the first as in {@link
 * MixedNetworkTest}. Commands run through {@link Devp2pCommand#commandLine()} exactly as the
 * command line runs them.
 */
class Discv5ToolboxInteropTest {
  /** Lookup rounds for the network to form; see {@link MixedNetworkTest#MAX_ROUNDS}. */
  private static final int MAX_ROUNDS = 10;

  /** The tool's own request timeout, as in the cli's Discv5CommandTest (see JdevpPeer). */
  private static final String REQUEST_TIMEOUT = "3s";

  /**
   * How long the crawl runs: enough for its first round through four nodes, each answering within
   * the request timeout, with slack for a loaded machine.
   */
  private static final String CRAWL_TIMEOUT = "5s";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Discv5Peer> network = new ArrayList<>();
  private static Discv5Peer boot;
  private static Discv5Peer teku;
  private static Discv5Peer chainSafe;

  @TempDir static Path dir;

  /** The one crawl the crawl and nodeset tests share, run on first use. */
  private static Run crawl;

  @BeforeAll
  static void startNetwork() {
    boot = start(JdevpPeer::start);
    start(() -> JdevpPeer.startWithBootnodes(boot.enr()));
    teku = start(() -> TekuPeer.startWithBootnodes(boot.enr()));
    chainSafe = start(() -> ChainSafePeer.startWithBootnodes(boot.enr()));
    Convergence.Outcome outcome = new Convergence(network).run(MAX_ROUNDS);
    assertThat(outcome.missing()).as(outcome::toString).isEmpty();
  }

  @AfterAll
  static void stopNetwork() {
    network.reversed().forEach(Discv5Peer::close);
  }

  private static Discv5Peer start(Supplier<Discv5Peer> factory) {
    Discv5Peer node = factory.get();
    network.add(node);
    return node;
  }

  /** One run of the command line with its output captured. */
  private record Run(int exitCode, String out, String err) {
    static Run of(String... args) {
      CommandLine cli = Devp2pCommand.commandLine();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int code = cli.execute(args);
      return new Run(code, out.toString(), err.toString());
    }
  }

  private static Run ping(Discv5Peer peer) {
    return Run.of(
        "discv5",
        "ping",
        "--addr",
        "127.0.0.1:0",
        "--request-timeout",
        REQUEST_TIMEOUT,
        peer.enr());
  }

  private static Run resolve(Discv5Peer peer) {
    return Run.of(
        "discv5",
        "resolve",
        "--addr",
        "127.0.0.1:0",
        "--request-timeout",
        REQUEST_TIMEOUT,
        peer.enr());
  }

  private static synchronized Run crawl() {
    if (crawl == null) {
      crawl =
          Run.of(
              "discv5",
              "crawl",
              "--addr",
              "127.0.0.1:0",
              "--request-timeout",
              REQUEST_TIMEOUT,
              "--bootnodes",
              boot.enr(),
              "--out",
              nodesJson().toString(),
              "--timeout",
              CRAWL_TIMEOUT);
    }
    return crawl;
  }

  private static Path nodesJson() {
    return dir.resolve("nodes.json");
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long seq(Discv5Peer peer) {
    return NodeRecord.fromText(peer.enr()).seq();
  }

  private static void assertPong(Run run, Discv5Peer peer) {
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("pong from " + peer.nodeId())
        .contains("enr-seq:   " + seq(peer) + "\n")
        .containsPattern("saw us at: 127\\.0\\.0\\.1 port [1-9][0-9]*\n");
  }

  @Test
  void pingOfTheTekuNodePrintsItsEnrSeqAndTheAddressItSawUsAt() {
    assertPong(ping(teku), teku);
  }

  @Test
  void pingOfTheChainSafeNodePrintsItsEnrSeqAndTheAddressItSawUsAt() {
    assertPong(ping(chainSafe), chainSafe);
  }

  @Test
  void resolveOfTheTekuNodePrintsItsCurrentRecord() {
    Run run = resolve(teku);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(teku.enr() + "\nseq " + seq(teku) + "\n");
  }

  @Test
  void resolveOfTheChainSafeNodePrintsItsCurrentRecord() {
    Run run = resolve(chainSafe);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(chainSafe.enr() + "\nseq " + seq(chainSafe) + "\n");
  }

  @Test
  void crawlFromOneOfOurNodesWritesEveryNodeOfTheMixedNetwork() throws IOException {
    Run run = crawl();

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode nodes = JSON.readTree(nodesJson().toFile());
    for (Discv5Peer peer : network) {
      JsonNode n = nodes.get(peer.nodeId());
      assertThat(n).as("%s in %s", peer, nodes).isNotNull();
      assertThat(n.get("record").asText()).as("%s", peer).isEqualTo(peer.enr());
      assertThat(n.get("score").asInt()).as("%s answered", peer).isEqualTo(1);
    }
    assertThat(run.out()).contains("crawl: " + nodes.size() + " nodes in " + nodesJson());
  }

  @Test
  void nodesetFilterWithoutFiltersKeepsEveryCrawledNode() {
    assertThat(crawl().exitCode()).as(crawl().err()).isZero();

    Run run = Run.of("nodeset", "filter", nodesJson().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode kept = json(run.out());
    assertThat(kept.fieldNames())
        .toIterable()
        .containsAll(network.stream().map(Discv5Peer::nodeId).toList());
  }

  @Test
  void nodesetFilterByEthNetworkDropsTheseNodesWhoseRecordsHaveNoEthEntry() {
    assertThat(crawl().exitCode()).as(crawl().err()).isZero();

    Run run = Run.of("nodeset", "filter", nodesJson().toString(), "-eth-network", "mainnet");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode kept = json(run.out());
    assertThat(kept.fieldNames())
        .toIterable()
        .doesNotContainAnyElementsOf(network.stream().map(Discv5Peer::nodeId).toList());
  }
}
