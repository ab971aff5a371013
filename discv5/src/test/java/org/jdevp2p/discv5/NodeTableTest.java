package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;
import org.junit.jupiter.api.Test;

class NodeTableTest {
  private final ManualClock clock = new ManualClock();
  private final PrivateKey selfKey = PrivateKey.random();
  private final NodeId self = NodeId.of(selfKey.publicKey());
  private final List<String> events = new ArrayList<>();
  private final NodeTable table =
      new NodeTable(
          self,
          clock,
          new TableListener() {
            @Override
            public void nodeAdded(NodeRecord node) {
              events.add("added " + node.nodeId());
            }

            @Override
            public void nodeRemoved(NodeRecord node) {
              events.add("removed " + node.nodeId());
            }
          });
  private int port = 30303;

  /** A record whose id lies at log-distance 256 from ours (half of all keys do). */
  private NodeRecord farNode(String ip) {
    while (true) {
      NodeRecord r = node(ip);
      if (self.logDistance(r.nodeId()) == 256) return r;
    }
  }

  private NodeRecord node(String ip) {
    try {
      return NodeRecord.builder()
          .ip(InetAddress.getByName(ip))
          .udp(port++)
          .sign(PrivateKey.random());
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private NodeTable.AddResult add(NodeRecord r) {
    return table.addVerified(r, r.udpEndpoint4().orElseThrow());
  }

  @Test
  void aVerifiedNodeEntersTheBucketOfItsDistance() {
    NodeRecord r = node("203.0.113.1");
    assertThat(add(r)).isEqualTo(NodeTable.AddResult.ADDED);
    assertThat(table.atDistance(self.logDistance(r.nodeId())))
        .extracting(NodeTable.Entry::record)
        .containsExactly(r);
    assertThat(events).containsExactly("added " + r.nodeId());
  }

  @Test
  void ourOwnRecordIsNeverAdded() {
    NodeRecord me = NodeRecord.builder().ip(InetAddress.getLoopbackAddress()).udp(1).sign(selfKey);
    assertThat(add(me)).isEqualTo(NodeTable.AddResult.SELF);
    assertThat(table.size()).isZero();
  }

  @Test
  void aFullBucketSendsNewcomersToTheReplacementList() {
    for (int i = 0; i < NodeTable.BUCKET_SIZE; i++) add(farNode("10.0.0." + i));
    NodeRecord newcomer = farNode("10.0.1.1");
    assertThat(add(newcomer)).isEqualTo(NodeTable.AddResult.REPLACEMENT);
    assertThat(table.atDistance(256)).hasSize(NodeTable.BUCKET_SIZE);
    assertThat(table.get(newcomer.nodeId())).isEmpty();
  }

  @Test
  void aBucketHoldsAtMostTwoNodesOfOneSlash24() {
    assertThat(add(farNode("203.0.113.1"))).isEqualTo(NodeTable.AddResult.ADDED);
    assertThat(add(farNode("203.0.113.2"))).isEqualTo(NodeTable.AddResult.ADDED);
    assertThat(add(farNode("203.0.113.3"))).isEqualTo(NodeTable.AddResult.IP_LIMIT);
    assertThat(add(farNode("203.0.114.3"))).isEqualTo(NodeTable.AddResult.ADDED);
  }

  @Test
  void theTableHoldsAtMostTenNodesOfOneSlash24() {
    int added = 0;
    for (int i = 0; i < 200 && table.size() < 11; i++) {
      if (add(node("203.0.113." + (i % 250))) == NodeTable.AddResult.ADDED) added++;
    }
    assertThat(added).isEqualTo(NodeTable.TABLE_IP_LIMIT);
  }

  @Test
  void loopbackAndLanAddressesAreExemptFromIpLimits() {
    for (int i = 0; i < 5; i++) {
      assertThat(add(farNode("127.0.0.1"))).isEqualTo(NodeTable.AddResult.ADDED);
      assertThat(add(farNode("192.168.1.1"))).isEqualTo(NodeTable.AddResult.ADDED);
    }
  }

  @Test
  void aNewerRecordOfAMemberReplacesTheOlder() {
    PrivateKey key = PrivateKey.random();
    NodeRecord v1 =
        NodeRecord.builder().seq(1).ip(InetAddress.getLoopbackAddress()).udp(5000).sign(key);
    NodeRecord v2 = v1.toBuilder().seq(2).sign(key);
    add(v1);
    assertThat(add(v2)).isEqualTo(NodeTable.AddResult.UPDATED);
    assertThat(table.get(v1.nodeId()).orElseThrow().record().seq()).isEqualTo(2);
  }

  @Test
  void closestReturnsMembersOrderedByDistanceToTheTarget() {
    for (int i = 0; i < 30; i++) add(node("127.0.0.1"));
    NodeId target = NodeId.of(PrivateKey.random().publicKey());
    List<NodeTable.Entry> closest = table.closest(target, 5);
    assertThat(closest).hasSize(5);
    for (int i = 1; i < closest.size(); i++) {
      assertThat(target.compareDistance(closest.get(i - 1).id(), closest.get(i).id()))
          .isLessThanOrEqualTo(0);
    }
    for (NodeTable.Entry other : table.members()) {
      if (!closest.contains(other)) {
        assertThat(target.compareDistance(closest.getLast().id(), other.id())).isLessThan(0);
      }
    }
  }

  @Test
  void atDistanceFromListsTheMembersAtThatDistanceFromTheTargetInBucketOrder() {
    for (int i = 0; i < 40; i++) add(node("127.0.0.1"));
    for (int k = 0; k < 8; k++) {
      NodeId target = NodeId.of(PrivateKey.random().publicKey());
      for (int d = 0; d <= NodeTable.BUCKETS; d++) {
        int distance = d;
        assertThat(table.atDistanceFrom(target, d))
            .containsExactlyElementsOf(
                table.members().stream()
                    .filter(e -> target.logDistance(e.id()) == distance)
                    .toList());
      }
    }
  }

  @Test
  void revalidationPicksTheMemberCheckedLongestAgo() {
    NodeRecord first = node("127.0.0.1");
    add(first);
    clock.advance(Duration.ofSeconds(1));
    NodeRecord second = node("127.0.0.1");
    add(second);
    assertThat(table.nextToRevalidate().orElseThrow().record()).isEqualTo(first);
    clock.advance(Duration.ofSeconds(1));
    table.revalidated(first);
    assertThat(table.nextToRevalidate().orElseThrow().record()).isEqualTo(second);
  }

  @Test
  void aMemberWhoseLivenessCountFallsToZeroIsReplacedByTheNewestReplacement() {
    List<NodeRecord> members = new ArrayList<>();
    for (int i = 0; i < NodeTable.BUCKET_SIZE; i++) {
      NodeRecord r = farNode("127.0.0.1");
      members.add(r);
      add(r);
    }
    NodeRecord older = farNode("127.0.0.1");
    NodeRecord newest = farNode("127.0.0.1");
    add(older);
    add(newest);
    events.clear();
    table.revalidationFailed(members.getFirst().nodeId()); // 1 check / 3 = 0
    assertThat(table.get(members.getFirst().nodeId())).isEmpty();
    assertThat(table.get(newest.nodeId())).isPresent();
    assertThat(events)
        .containsExactly("removed " + members.getFirst().nodeId(), "added " + newest.nodeId());
  }

  @Test
  void aMemberWithManyLivenessChecksSurvivesOneFailure() {
    NodeRecord r = node("127.0.0.1");
    add(r);
    for (int i = 0; i < 3; i++) table.revalidated(r);
    table.revalidationFailed(r.nodeId()); // 4 / 3 = 1
    assertThat(table.get(r.nodeId())).isPresent();
    table.revalidationFailed(r.nodeId()); // 1 / 3 = 0
    assertThat(table.get(r.nodeId())).isEmpty();
  }

  @Test
  void theReplacementListKeepsTheNewestTen() {
    for (int i = 0; i < NodeTable.BUCKET_SIZE; i++) add(farNode("127.0.0.1"));
    List<NodeRecord> replacements = new ArrayList<>();
    for (int i = 0; i < NodeTable.MAX_REPLACEMENTS + 2; i++) {
      NodeRecord r = farNode("127.0.0.1");
      replacements.add(r);
      add(r);
    }
    // Drain the bucket's members: replacements are promoted newest first.
    List<NodeId> promoted = new ArrayList<>();
    for (NodeTable.Entry member : table.atDistance(256)) {
      table.remove(member.id());
    }
    table.atDistance(256).forEach(e -> promoted.add(e.id()));
    assertThat(promoted).hasSize(NodeTable.MAX_REPLACEMENTS);
    assertThat(promoted).doesNotContain(replacements.get(0).nodeId(), replacements.get(1).nodeId());
  }
}
