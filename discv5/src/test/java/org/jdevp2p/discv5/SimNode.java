package org.jdevp2p.discv5;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.discv5.wire.RequestId;
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
  private final long[] answers = new long[256];

  /**
   * Request ids of our recent requests, by request type, to tell which request a response answers.
   * 4,096 covers every request that can still be answered: far more than a node sends within a
   * response timeout.
   */
  static final int TRACKED_REQUESTS = 4_096;

  private final Map<RequestId, Integer> requestTypes =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RequestId, Integer> eldest) {
          return size() > TRACKED_REQUESTS;
        }
      };
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

  /** Responses this node received to its requests of this type (e.g. NODES for FINDNODE). */
  long answersTo(int requestType) {
    return answers[requestType];
  }

  /** Messages of every type this node received. */
  long receivedTotal() {
    long n = 0;
    for (long c : received) n += c;
    return n;
  }

  void countSent(Message message) {
    sent[message.type()]++;
    switch (message) {
      case Message.Ping m -> requestTypes.put(m.requestId(), m.type());
      case Message.FindNode m -> requestTypes.put(m.requestId(), m.type());
      case Message.TalkReq m -> requestTypes.put(m.requestId(), m.type());
      default -> {}
    }
  }

  void deliver(Message message, Bytes datagram, InetSocketAddress from) {
    received[message.type()]++;
    RequestId answered =
        switch (message) {
          case Message.Pong m -> m.requestId();
          case Message.Nodes m -> m.requestId();
          case Message.TalkResp m -> m.requestId();
          default -> null;
        };
    Integer requestType = answered == null ? null : requestTypes.get(answered);
    if (requestType != null) answers[requestType]++;
    protocol.onDatagram(datagram, from);
  }
}
