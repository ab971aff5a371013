package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code devp2p devnet}: a small network in this process runs for its duration, or until
 * interrupted, and sums up.
 */
class DevnetCommandTest {
  /**
   * How long the eth nodes of a 20-node devnet may take to find eth peers: a bound, not a
   * measurement: about a second on an idle machine.
   */
  private static final Duration PEERED_WITHIN = Duration.ofSeconds(60);

  /**
   * No --duration: it runs until a line shows every eth node with an eth peer, however long a
   * loaded machine takes, and the summary after the interrupt says what was dialled by then.
   */
  @Test
  void everyEthNodeFindsEthPeersAndNoOtherNodeIsDialled() throws Exception {
    try (RunningCommand devnet =
        RunningCommand.start("devnet", "--nodes", "20", "--eth", "0.25", "--interval", "200ms")) {
      devnet.awaitLine("eth nodes with eth peers 5/5", PEERED_WITHIN);

      int exit = devnet.stop(PEERED_WITHIN);

      assertThat(exit).as(devnet.err()).isZero();
      assertThat(devnet.out())
          .contains("  eth nodes with eth peers:  5 of 5")
          .contains("all of them eth nodes: yes")
          .contains("  non-eth nodes dialled:     0 of 15");
    }
  }

  @Test
  void jsonSumsUpTheRunInOneObject() throws Exception {
    Run run = Run.of("devnet", "--nodes", "4", "--eth", "0.5", "--duration", "1s", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.out());
    assertThat(summary.get("nodes").asInt()).isEqualTo(4);
    assertThat(summary.get("ethNodes").asInt()).isEqualTo(2);
    assertThat(summary.get("ethPeers")).hasSize(2);
    assertThat(summary.get("nonEthNodesDialled").asInt()).isZero();
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
