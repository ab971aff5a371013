package org.jdevp2p.discv5.topic;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/** Signed records of topic-capable nodes at a chosen distance from a topic, for the agent tests. */
final class Nodes {
  private static int counter;

  private Nodes() {}

  /** A key whose node id lies at logdist {@code distance} from the topic (random ids, retried). */
  static PrivateKey keyAt(Topic topic, int distance) {
    NodeId topicId = new NodeId(topic.id());
    while (true) {
      PrivateKey key = PrivateKey.random();
      if (topicId.logDistance(NodeId.of(key.publicKey())) == distance) return key;
    }
  }

  /** A capable node at {@code distance} with an ip, udp and tcp port, seq 1. */
  static NodeRecord at(Topic topic, int distance) {
    return record(keyAt(topic, distance), 1);
  }

  /** The record of {@code key}: capable, a distinct 10.x address, udp and tcp 30303. */
  static NodeRecord record(PrivateKey key, long seq) {
    return builder(seq).set(TopicCapability.KEY, TopicCapability.VALUE).sign(key);
  }

  /** The record of {@code key} without the topic capability. */
  static NodeRecord incapable(PrivateKey key) {
    return builder(1).sign(key);
  }

  /** A capable record with an ip and udp port but no tcp port. */
  static NodeRecord withoutTcp(PrivateKey key) {
    return NodeRecord.builder()
        .seq(1)
        .ip(nextAddress())
        .udp(30303)
        .set(TopicCapability.KEY, TopicCapability.VALUE)
        .sign(key);
  }

  private static NodeRecord.Builder builder(long seq) {
    return NodeRecord.builder().seq(seq).ip(nextAddress()).udp(30303).tcp(30303);
  }

  private static synchronized InetAddress nextAddress() {
    int n = ++counter;
    try {
      return InetAddress.getByAddress(new byte[] {10, (byte) (n >> 16), (byte) (n >> 8), (byte) n});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are an IPv4 address", e);
    }
  }
}
