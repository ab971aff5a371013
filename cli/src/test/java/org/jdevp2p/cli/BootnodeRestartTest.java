package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bootnode process keeps its identity and what it learned across SIGTERM and SIGKILL: it comes
 * back with the same node id, a record sequence number never lower, and its table refilled from its
 * node database alone.
 */
class BootnodeRestartTest {
  /** Nodes the bootnode learns in its first life. */
  private static final int KNOWN = 6;

  /** Kill-and-restart rounds: each must find the store readable and complete. */
  private static final int CRASH_ROUNDS = 2;

  /** The "exits within a few seconds" on SIGTERM, with room for a loaded machine. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  /** How long the table may take to fill on a loaded machine. */
  private static final Duration FILL_TIMEOUT = Duration.ofSeconds(40);

  @TempDir Path dir;
  private final List<Discovery> network = new ArrayList<>();

  @BeforeEach
  void startNetwork() {
    for (int i = 0; i < KNOWN; i++) {
      network.add(
          Discovery.start(
              DiscoveryConfig.builder(PrivateKey.random())
                  .requestTimeout(Duration.ofSeconds(2))
                  .build()));
    }
  }

  @AfterEach
  void stopNetwork() {
    network.forEach(Discovery::close);
  }

  private Path datadir() {
    return dir.resolve("data");
  }

  /**
   * Waits until the bootnode's table holds every known node. Our nodes PING it too, so a PING of
   * its own lost on a loaded machine does not leave a node out.
   */
  private void awaitTableFull(BootnodeProcess b) throws Exception {
    NodeRecord bootnode = NodeRecord.fromText(b.enr());
    Instant deadline = Instant.now().plus(FILL_TIMEOUT);
    while (b.metric("discv5_table_nodes") < KNOWN && Instant.now().isBefore(deadline)) {
      for (Discovery d : network) d.ping(bootnode).exceptionally(e -> null).get();
    }
    assertThat(b.metric("discv5_table_nodes")).isEqualTo(KNOWN);
  }

  /** Waits until the table is full with no help from our nodes: only the database seeds it. */
  private static void awaitRefilledFromDatabase(BootnodeProcess b) throws Exception {
    Instant deadline = Instant.now().plus(FILL_TIMEOUT);
    while (b.metric("discv5_table_nodes") < KNOWN && Instant.now().isBefore(deadline)) {
      Thread.sleep(200); // polling another process's state; no clock of ours to advance
    }
    assertThat(b.metric("discv5_table_nodes")).isEqualTo(KNOWN);
  }

  private String knownRecords() {
    return String.join(",", network.stream().map(d -> d.localRecord().toText()).toList());
  }

  @Test
  void restartAfterSigtermKeepsIdentityAndRefillsTheTableFromTheDatabase() throws Exception {
    String id;
    long seq;
    try (BootnodeProcess first =
        BootnodeProcess.start(datadir(), List.of("--bootnodes", knownRecords()))) {
      id = first.nodeId();
      seq = first.seq();
      awaitTableFull(first);
      assertThat(first.terminate(STOP_TIMEOUT)).as("exited after SIGTERM").isTrue();
    }

    try (BootnodeProcess second = BootnodeProcess.start(datadir(), List.of())) {
      assertThat(second.nodeId()).isEqualTo(id);
      assertThat(second.seq()).isGreaterThanOrEqualTo(seq);
      awaitRefilledFromDatabase(second);
      assertThat(second.terminate(STOP_TIMEOUT)).isTrue();
    }
  }

  @Test
  void restartAfterSigkillWhileWritingFindsTheStoreIntact() throws Exception {
    String id;
    long seq;
    try (BootnodeProcess first =
        BootnodeProcess.start(datadir(), List.of("--bootnodes", knownRecords()))) {
      id = first.nodeId();
      seq = first.seq();
      awaitTableFull(first);
      assertThat(first.terminate(STOP_TIMEOUT)).isTrue();
    }
    for (int round = 0; round < CRASH_ROUNDS; round++) {
      try (BootnodeProcess b = BootnodeProcess.start(datadir(), List.of())) {
        assertThat(b.nodeId()).isEqualTo(id);
        assertThat(b.seq()).as("round %d", round).isGreaterThanOrEqualTo(seq);
        seq = b.seq();
        // Killed while its seeds answer and the table's changes stream into the database.
        b.kill();
      }
    }
    try (BootnodeProcess last = BootnodeProcess.start(datadir(), List.of())) {
      assertThat(last.nodeId()).isEqualTo(id);
      assertThat(last.seq()).isGreaterThanOrEqualTo(seq);
      awaitRefilledFromDatabase(last);
    }
  }
}
