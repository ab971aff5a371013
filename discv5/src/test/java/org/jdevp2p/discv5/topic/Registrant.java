package org.jdevp2p.discv5.topic;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/** A node that registers itself: its key, the address its packets come from, its record. */
record Registrant(PrivateKey key, InetSocketAddress source, NodeRecord record) {
  /** The UDP port every test registrant uses. */
  static final int PORT = 30303;

  /** A fresh node at {@code ip} (IPv4 or IPv6), with a record that says so. */
  static Registrant at(String ip) {
    InetAddress address;
    try {
      address = InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(ip, e);
    }
    PrivateKey key = PrivateKey.random();
    NodeRecord.Builder b = NodeRecord.builder().seq(1).ip(address);
    b = address.getAddress().length == 4 ? b.udp(PORT) : b.udp6(PORT);
    NodeRecord record = b.sign(key);
    return new Registrant(key, new InetSocketAddress(address, PORT), record);
  }

  NodeId id() {
    return record.nodeId();
  }

  /** The same node with its record signed again under the next sequence number. */
  Registrant withNextRecord() {
    return new Registrant(key, source, record.toBuilder().seq(record.seq() + 1).sign(key));
  }

  Registrar.Outcome register(Registrar registrar, Bytes32 topic, Bytes ticket) {
    return registrar.register(id(), source, topic, record, ticket);
  }

  Registrar.Outcome register(Registrar registrar, Bytes32 topic) {
    return register(registrar, topic, Bytes.EMPTY);
  }
}
