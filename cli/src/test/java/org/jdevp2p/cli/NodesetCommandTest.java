package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.eth.EthEntry;
import org.jdevp2p.eth.ForkId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodesetCommandTest {
  @TempDir Path dir;

  /** The fork id of a chain synced to now: every block fork passed, the head time now. */
  private static ForkId current(ChainConfig chain) {
    return chain.forkId(chain.blockForks().getLast(), Instant.now().getEpochSecond());
  }

  private static NodeRecord record(ForkId forkId) {
    NodeRecord.Builder b = NodeRecord.builder().ip(InetAddress.getLoopbackAddress()).udp(30303);
    if (forkId != null) b.set(EthEntry.KEY, new EthEntry(forkId).encode());
    return b.sign(PrivateKey.random());
  }

  private record Node(NodeRecord record, int score, String first, String last) {}

  private Path write(List<Node> nodes) throws Exception {
    List<String> entries = new ArrayList<>();
    for (Node n : nodes) {
      entries.add(
          """
          "%s": {"seq": %d, "record": "%s", "score": %d,
                 "firstResponse": "%s", "lastResponse": "%s"}\
          """
              .formatted(
                  n.record().nodeId(),
                  n.record().seq(),
                  n.record().toText(),
                  n.score(),
                  n.first(),
                  n.last()));
    }
    Path file = dir.resolve("nodes.json");
    Files.writeString(file, "{" + String.join(",", entries) + "}");
    return file;
  }

  private static JsonNode json(Run run) throws Exception {
    assertThat(run.exitCode()).as(run.err()).isZero();
    return new ObjectMapper().readTree(run.out());
  }

  @Test
  void ethNetworkKeepsOnlyNodesWhoseForkIdFitsThatChain() throws Exception {
    Node mainnet =
        new Node(
            record(current(ChainConfig.MAINNET)),
            1,
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00Z");
    Node sepolia =
        new Node(
            record(current(ChainConfig.SEPOLIA)),
            1,
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00Z");
    Node noEth = new Node(record(null), 1, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
    Path file = write(List.of(mainnet, sepolia, noEth));

    JsonNode out = json(Run.of("nodeset", "filter", file.toString(), "-eth-network", "mainnet"));

    assertThat(out.fieldNames()).toIterable().containsExactly(mainnet.record().nodeId().toString());
  }

  @Test
  void minAgeKeepsNodesAnsweringOverAtLeastThatSpan() throws Exception {
    Node old = new Node(record(null), 1, "2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z");
    Node young = new Node(record(null), 1, "2026-01-02T23:00:00Z", "2026-01-03T00:00:00Z");
    Path file = write(List.of(old, young));

    JsonNode out = json(Run.of("nodeset", "filter", file.toString(), "-min-age", "1d"));

    assertThat(out.fieldNames()).toIterable().containsExactly(old.record().nodeId().toString());
  }

  @Test
  void limitKeepsTheHighestScores() throws Exception {
    List<Node> nodes = new ArrayList<>();
    for (int score = 1; score <= 5; score++) {
      nodes.add(new Node(record(null), score, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"));
    }
    Path file = write(nodes);

    JsonNode out = json(Run.of("nodeset", "filter", file.toString(), "-limit", "2"));

    assertThat(out.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            nodes.get(4).record().nodeId().toString(), nodes.get(3).record().nodeId().toString());
  }

  @Test
  void outputKeepsGethsFields() throws Exception {
    Node n = new Node(record(null), 3, "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z");
    Path file = write(List.of(n));

    JsonNode entry =
        json(Run.of("nodeset", "filter", file.toString())).get(n.record().nodeId().toString());

    assertThat(entry.get("seq").asLong()).isEqualTo(n.record().seq());
    assertThat(entry.get("record").asText()).isEqualTo(n.record().toText());
    assertThat(entry.get("score").asInt()).isEqualTo(3);
    assertThat(entry.get("firstResponse").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(entry.get("lastResponse").asText()).isEqualTo("2026-01-02T00:00:00Z");
  }

  @Test
  void unknownNetworkFailsWithOneLine() throws Exception {
    Path file = write(List.of());

    Run run = Run.of("nodeset", "filter", file.toString(), "-eth-network", "goerli");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("goerli");
  }
}
