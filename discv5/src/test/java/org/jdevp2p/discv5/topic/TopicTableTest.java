package org.jdevp2p.discv5.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;
import org.junit.jupiter.api.Test;

class TopicTableTest {
  private static final Topic TOPIC = Topic.of("eth/68");

  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final InstantSource clock = () -> now;
  private final PrivateKey selfKey = Nodes.keyAt(TOPIC, 256);
  private final TopicTable table = new TopicTable(TOPIC, NodeId.of(selfKey.publicKey()), clock);

  private void advance(Duration d) {
    now = now.plus(d);
  }

  private void failThrice(NodeId id) {
    for (int i = 0; i < TopicTable.FAILURES_BEFORE_EXCLUSION; i++) table.failed(id);
  }

  @Test
  void nodeGoesIntoTheBucketOfItsLogDistanceToTheTopic() {
    NodeRecord far = Nodes.at(TOPIC, 256);
    NodeRecord nearer = Nodes.at(TOPIC, 253);
    table.add(far);
    table.add(nearer);
    assertThat(table.bucket(256)).containsExactly(far);
    assertThat(table.bucket(253)).containsExactly(nearer);
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void refusesANodeWithoutTheTopicCapability() {
    assertThat(table.add(Nodes.incapable(Nodes.keyAt(TOPIC, 256)))).isFalse();
    assertThat(table.size()).isZero();
  }

  @Test
  void refusesOurselves() {
    assertThat(table.add(Nodes.record(selfKey, 1))).isFalse();
  }

  @Test
  void aFullBucketRefusesNewcomers() {
    for (int i = 0; i < TopicTable.BUCKET_SIZE; i++) {
      assertThat(table.add(Nodes.at(TOPIC, 256))).isTrue();
    }
    assertThat(table.add(Nodes.at(TOPIC, 256))).isFalse();
    assertThat(table.bucket(256)).hasSize(TopicTable.BUCKET_SIZE);
  }

  @Test
  void aNewerRecordReplacesTheOlderAndAnOlderOneIsIgnored() {
    PrivateKey key = Nodes.keyAt(TOPIC, 255);
    NodeRecord v2 = Nodes.record(key, 2);
    table.add(v2);
    assertThat(table.add(Nodes.record(key, 1))).isFalse();
    NodeRecord v3 = Nodes.record(key, 3);
    assertThat(table.add(v3)).isTrue();
    assertThat(table.bucket(255)).containsExactly(v3);
  }

  @Test
  void distancesWithSpaceAreLargestFirstAndNoFartherThanTheRegistrar() {
    for (int i = 0; i < TopicTable.BUCKET_SIZE; i++) table.add(Nodes.at(TOPIC, 254));
    assertThat(table.distancesWithSpace(4, 255)).containsExactly(255, 253, 252, 251);
  }

  @Test
  void distancesWithSpaceStopAtTheLimit() {
    assertThat(table.distancesWithSpace(TopicRequests.MAX_DISTANCES, 256))
        .hasSize(TopicRequests.MAX_DISTANCES)
        .startsWith(256)
        .endsWith(241);
  }

  @Test
  void threeConsecutiveFailuresExcludeANodeForTenMinutes() {
    NodeRecord node = Nodes.at(TOPIC, 256);
    table.add(node);
    failThrice(node.nodeId());
    assertThat(table.bucket(256)).isEmpty();
    advance(TopicTable.FIRST_EXCLUSION.minusMillis(1));
    assertThat(table.add(node)).isFalse();
    advance(Duration.ofMillis(1));
    assertThat(table.add(node)).isTrue();
  }

  @Test
  void aSuccessBetweenFailuresKeepsTheNode() {
    NodeRecord node = Nodes.at(TOPIC, 256);
    table.add(node);
    table.failed(node.nodeId());
    table.failed(node.nodeId());
    table.succeeded(node.nodeId());
    table.failed(node.nodeId());
    table.failed(node.nodeId());
    assertThat(table.bucket(256)).containsExactly(node);
  }

  @Test
  void repeatedExclusionsDoubleUpToAnHour() {
    NodeRecord node = Nodes.at(TOPIC, 256);
    List<Duration> lengths = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      table.add(node);
      failThrice(node.nodeId());
      Duration length = Duration.ZERO;
      while (table.isExcluded(node.nodeId())) {
        advance(Duration.ofMinutes(1));
        length = length.plusMinutes(1);
      }
      lengths.add(length);
    }
    assertThat(lengths)
        .containsExactly(
            Duration.ofMinutes(10),
            Duration.ofMinutes(20),
            Duration.ofMinutes(40),
            TopicTable.MAX_EXCLUSION);
  }

  @Test
  void anExclusionIsForgottenAnHourAfterItEnded() {
    NodeRecord node = Nodes.at(TOPIC, 256);
    table.add(node);
    failThrice(node.nodeId());
    advance(TopicTable.FIRST_EXCLUSION.plus(TopicTable.MAX_EXCLUSION));
    table.add(node);
    failThrice(node.nodeId());
    advance(TopicTable.FIRST_EXCLUSION);
    assertThat(table.isExcluded(node.nodeId())).isFalse();
  }

  @Test
  void failuresOfNonMembersAreIgnored() {
    NodeRecord node = Nodes.at(TOPIC, 256);
    failThrice(node.nodeId());
    assertThat(table.add(node)).isTrue();
  }

  @Test
  void anAuxiliaryRecordEntersOnlyAfterAnsweringAPing() {
    FakeRequests requests = new FakeRequests();
    NodeRecord alive = Nodes.at(TOPIC, 255);
    NodeRecord dead = Nodes.at(TOPIC, 254);
    requests.unreachable.add(dead.nodeId());
    table.addAuxiliary(List.of(alive, dead), requests);
    assertThat(requests.pinged).containsExactly(alive, dead);
    assertThat(table.bucket(255)).containsExactly(alive);
    assertThat(table.bucket(254)).isEmpty();
  }

  @Test
  void onlyTheFirstAuxiliaryRecordOfADistanceIsConsidered() {
    FakeRequests requests = new FakeRequests();
    NodeRecord first = Nodes.at(TOPIC, 255);
    NodeRecord second = Nodes.at(TOPIC, 255);
    table.addAuxiliary(List.of(first, second), requests);
    assertThat(requests.pinged).containsExactly(first);
  }

  @Test
  void auxiliaryRecordsOfKnownIncapableOrExcludedNodesAreNotPinged() {
    FakeRequests requests = new FakeRequests();
    NodeRecord known = Nodes.at(TOPIC, 256);
    table.add(known);
    NodeRecord excluded = Nodes.at(TOPIC, 255);
    table.add(excluded);
    failThrice(excluded.nodeId());
    NodeRecord incapable = Nodes.incapable(Nodes.keyAt(TOPIC, 254));
    table.addAuxiliary(List.of(known, excluded, incapable), requests);
    assertThat(requests.pinged).isEmpty();
  }
}
