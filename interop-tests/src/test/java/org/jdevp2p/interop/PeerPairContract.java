package org.jdevp2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jdevp2p.node.NodeId;
import org.junit.jupiter.api.Test;

/**
 * What two discv5 implementations must do for each other: PING both ways ({@link PingContract}) and
 * FINDNODE both ways, for the node's own record (distance 0) and for a record it learned.
 */
abstract class PeerPairContract extends PingContract {

  @Test
  void aFindNodeAtDistanceZeroReturnsTheRecordOfB() {
    List<String> nodes = Await.done(a.findNodes(b.enr(), List.of(0)), a + " FINDNODE [0] " + b);
    assertThat(nodes).map(Enrs::nodeId).containsExactly(b.nodeId());
  }

  @Test
  void bFindNodeAtDistanceZeroReturnsTheRecordOfA() {
    List<String> nodes = Await.done(b.findNodes(a.enr(), List.of(0)), b + " FINDNODE [0] " + a);
    assertThat(nodes).map(Enrs::nodeId).containsExactly(a.nodeId());
  }

  @Test
  void aFindNodeReturnsTheRecordOfANodeThatBHasPinged() {
    Await.done(b.ping(a.enr()), b + " PING " + a);
    List<Integer> distance = List.of(distance(a, b));
    List<String> nodes = Await.done(a.findNodes(b.enr(), distance), a + " FINDNODE " + b);
    assertThat(nodes).map(Enrs::nodeId).contains(a.nodeId());
  }

  @Test
  void bFindNodeReturnsTheRecordOfANodeThatAHasPinged() {
    Await.done(a.ping(b.enr()), a + " PING " + b);
    List<Integer> distance = List.of(distance(a, b));
    List<String> nodes = Await.done(b.findNodes(a.enr(), distance), b + " FINDNODE " + a);
    assertThat(nodes).map(Enrs::nodeId).contains(b.nodeId());
  }

  private static int distance(Discv5Peer x, Discv5Peer y) {
    return NodeId.fromHex(x.nodeId()).logDistance(NodeId.fromHex(y.nodeId()));
  }
}
