package org.jdevp2p.discv5.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeDatabaseTest {
  @TempDir Path dir;

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final InstantSource clock = now::get;

  private Path file() {
    return dir.resolve("nodes.db");
  }

  private void advance(Duration d) {
    now.set(now.get().plus(d));
  }

  private static NodeRecord record(PrivateKey key, long seq, int port) {
    return NodeRecord.builder().seq(seq).ip(InetAddress.getLoopbackAddress()).udp(port).sign(key);
  }

  private static NodeRecord record(int port) {
    return record(PrivateKey.random(), 1, port);
  }

  @Test
  void storedRecordIsReadBack() {
    NodeRecord r = record(30303);
    try (NodeDatabase db = NodeDatabase.open(file(), clock)) {
      db.update(r);

      StoredNode stored = db.get(r.nodeId()).orElseThrow();
      assertThat(stored.record()).isEqualTo(r);
      assertThat(stored.firstSeen()).isEqualTo(now.get());
      assertThat(stored.lastPong()).isEmpty();
      assertThat(stored.failures()).isZero();
    }
  }

  @Test
  void olderRecordDoesNotReplaceNewerOne() {
    PrivateKey key = PrivateKey.random();
    try (NodeDatabase db = NodeDatabase.open(file(), clock)) {
      db.update(record(key, 5, 30303));
      db.update(record(key, 4, 30304));

      assertThat(db.get(org.jdevp2p.node.NodeId.of(key.publicKey())).orElseThrow().record().seq())
          .isEqualTo(5);
    }
  }

  @Test
  void pongClearsFailuresAndFailureCounts() {
    NodeRecord r = record(30303);
    try (NodeDatabase db = NodeDatabase.open(file(), clock)) {
      db.update(r);
      db.failed(r.nodeId());
      db.failed(r.nodeId());
      assertThat(db.get(r.nodeId()).orElseThrow().failures()).isEqualTo(2);
      assertThat(db.get(r.nodeId()).orElseThrow().lastFailure()).contains(now.get());

      advance(Duration.ofMinutes(1));
      db.pongReceived(r);

      StoredNode stored = db.get(r.nodeId()).orElseThrow();
      assertThat(stored.failures()).isZero();
      assertThat(stored.lastPong()).contains(now.get());
    }
  }

  @Test
  void everythingSurvivesCloseAndReopen() {
    NodeRecord r = record(30303);
    try (NodeDatabase db = NodeDatabase.open(file(), clock)) {
      db.pongReceived(r);
      db.storeLocalSeq(7);
    }
    try (NodeDatabase db = NodeDatabase.open(file(), clock)) {
      assertThat(db.get(r.nodeId()).orElseThrow().record()).isEqualTo(r);
      assertThat(db.get(r.nodeId()).orElseThrow().lastPong()).contains(now.get());
      assertThat(db.localSeq()).isEqualTo(7);
    }
  }

  @Test
  void flushedChangesSurviveACrash() {
    NodeRecord flushed = record(30303);
    NodeDatabase db = NodeDatabase.open(file(), clock);
    db.pongReceived(flushed);
    db.storeLocalSeq(3);
    db.flush();
    db.abandon();

    try (NodeDatabase reopened = NodeDatabase.open(file(), clock)) {
      assertThat(reopened.get(flushed.nodeId())).isPresent();
      assertThat(reopened.localSeq()).isEqualTo(3);
    }
  }

  @Test
  void crashBeforeFlushLeavesAReadableDatabase() {
    NodeRecord flushed = record(30303);
    NodeDatabase db = NodeDatabase.open(file(), clock);
    db.pongReceived(flushed);
    db.flush();
    for (int i = 0; i < 100; i++) db.pongReceived(record(31000 + i));
    db.abandon();

    try (NodeDatabase reopened = NodeDatabase.open(file(), clock)) {
      assertThat(reopened.get(flushed.nodeId())).isPresent();
      assertThat(reopened.all()).allSatisfy(n -> assertThat(n.lastPong()).isPresent());
    }
  }

  @Test
  void unreadableFileIsMovedAsideAndAFreshDatabaseStarted() throws Exception {
    Files.writeString(file(), "not an mvstore file, just text that fills a block");

    try (NodeDatabase db = NodeDatabase.open(file(), clock)) {
      assertThat(db.size()).isZero();
    }
    assertThat(dir.resolve("nodes.db.corrupt")).exists();
  }

  @Test
  void localSeqNeverGoesDown() {
    try (NodeDatabase db = NodeDatabase.open(file(), clock)) {
      db.storeLocalSeq(9);
      db.storeLocalSeq(4);

      assertThat(db.localSeq()).isEqualTo(9);
    }
  }

  @Test
  void seedsComeFewestFailuresFirstThenFreshestPong() {
    NodeRecord old = record(30301);
    NodeRecord fresh = record(30302);
    NodeRecord flaky = record(30303);
    try (NodeDatabase db = NodeDatabase.open(file(), clock)) {
      db.pongReceived(old);
      advance(Duration.ofHours(1));
      db.pongReceived(flaky);
      db.failed(flaky.nodeId());
      advance(Duration.ofHours(1));
      db.pongReceived(fresh);

      assertThat(db.seeds(10, NodeDatabase.DEFAULT_SEED_MAX_AGE))
          .containsExactly(fresh, old, flaky);
    }
  }

  @Test
  void seedsLeaveOutNodesSilentLongerThanTheAgeLimit() {
    NodeRecord stale = record(30301);
    NodeRecord live = record(30302);
    NodeRecord neverAnswered = record(30303);
    try (NodeDatabase db = NodeDatabase.open(file(), clock)) {
      db.pongReceived(stale);
      advance(NodeDatabase.DEFAULT_SEED_MAX_AGE.plusSeconds(1));
      db.pongReceived(live);
      db.update(neverAnswered);

      assertThat(db.seeds(10, NodeDatabase.DEFAULT_SEED_MAX_AGE)).containsExactly(live);
    }
  }

  @Test
  void seedsStopAtTheRequestedCount() {
    try (NodeDatabase db = NodeDatabase.open(file(), clock)) {
      for (int i = 0; i < 5; i++) db.pongReceived(record(30300 + i));

      assertThat(db.seeds(3, NodeDatabase.DEFAULT_SEED_MAX_AGE)).hasSize(3);
    }
  }

  @Test
  void sizeStaysWithinTheBoundAndKeepsTheLiveNodes() {
    int max = 50;
    try (NodeDatabase db = NodeDatabase.open(file(), clock, max)) {
      List<NodeRecord> live = List.of(record(30001), record(30002), record(30003));
      live.forEach(db::pongReceived);
      for (int i = 0; i < 200; i++) {
        db.update(record(31000 + i));
        assertThat(db.size()).isLessThanOrEqualTo(max);
      }

      assertThat(live).allSatisfy(r -> assertThat(db.get(r.nodeId())).isPresent());
    }
  }
}
