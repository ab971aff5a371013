package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code devp2p devnet}: a small network in this process runs for its duration and sums up. */
class DevnetCommandTest {

  @Test
  void everyEthNodeFindsEthPeersAndNoOtherNodeIsDialled() throws Exception {
    Run run = Run.of("devnet", "--nodes", "20", "--eth", "0.25", "--duration", "15s", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.out());
    assertThat(summary.get("nodes").asInt()).isEqualTo(20);
    assertThat(summary.get("ethNodes").asInt()).isEqualTo(5);
    assertThat(summary.get("ethNodesWithEthPeers").asInt()).as(run.out()).isEqualTo(5);
    assertThat(summary.get("ethPeersAllEth").asBoolean()).isTrue();
    assertThat(summary.get("nonEthNodesDialled").asInt()).isZero();
    assertThat(summary.get("discoveryPacketsSent").asLong()).isPositive();
    assertThat(summary.get("topics").asBoolean()).isTrue();
  }

  @Test
  void withoutTopicsTheViewHasNoTopicColumn() {
    Run run = Run.of("devnet", "--nodes", "4", "--eth", "0.5", "--duration", "1s", "--no-topics");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("eth nodes with eth peers ").doesNotContain("topic ads");
  }

  @Test
  void thePlainViewPrintsALinePerIntervalAndTheSummary() {
    Run run =
        Run.of("devnet", "--nodes", "4", "--eth", "0.5", "--duration", "2s", "--interval", "500ms");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("starting 4 nodes on 127.0.0.1: 2 eth nodes (mainnet), 2 discovery only")
        .contains("eth nodes with eth peers ")
        .contains(", topic ads held ")
        .contains("summary after ")
        .contains("  non-eth nodes dialled:     0 of 2")
        .doesNotContain("\033[");
  }

  @Test
  void aFractionOutsideZeroToOneIsRefused() {
    Run run = Run.of("devnet", "--eth", "1.5", "--duration", "1s");

    assertThat(run.exitCode()).isEqualTo(Failures.FAILED);
    assertThat(run.err()).contains("--eth must be between 0 and 1");
  }
}
