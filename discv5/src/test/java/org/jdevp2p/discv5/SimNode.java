package org.jdevp2p.discv5;

import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * One node of a {@link SimNetwork}: the production {@link Protocol} over a {@link PlainCodec}, with
 * counts of the messages it sent and received by message type.
 */
final class SimNode {
  private final LocalNode local;
  private final InetSocketAddress endpoint;
  private final long[] sent = new long[256];
  private final long[] received = new long[256];
  private Protocol protocol;
  private Consumer<NodeRecord> learned = r -> {};

  SimNode(LocalNode local, InetSocketAddress endpoint) {
    this.local = local;
    this.endpoint = endpoint;
  }

  /** Set once, by the network that built this node (the protocol needs the node's callbacks). */
  void attach(Protocol protocol) {
    this.protocol = protocol;
  }

  Protocol protocol() {
    return protocol;
  }

  NodeRecord record() {
    return local.record();
  }

  NodeId id() {
    return local.id();
  }

  InetSocketAddress endpoint() {
    return endpoint;
  }

  /** Who hears of every record this node learns from NODES answers (a random walk's filter). */
  void onLearned(Consumer<NodeRecord> listener) {
    this.learned = listener;
  }

  void learned(NodeRecord record) {
    learned.accept(record);
  }

  /** Messages of this type (a discv5 message-type byte) this node received. */
  long received(int messageType) {
    return received[messageType];
  }

  /** Messages of this type this node sent. */
  long sent(int messageType) {
    return sent[messageType];
  }

  /** Messages of every type this node received. */
  long receivedTotal() {
    long n = 0;
    for (long c : received) n += c;
    return n;
  }

  void countSent(Bytes datagram) {
    sent[PlainCodec.Wire.messageType(datagram)]++;
  }

  void deliver(Bytes datagram, InetSocketAddress from) {
    received[PlainCodec.Wire.messageType(datagram)]++;
    protocol.onDatagram(datagram, from);
  }
}
