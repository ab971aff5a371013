package org.jdevp2p.discv5;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.discv5.topic.Topic;
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
   * How long a request is remembered, to tell which request a response answers. Answers arrive one
   * round trip (200 ms) after their request, and the protocol stops waiting after its response
   * timeout (700 ms per packet), so a minute outlasts every answer; a bound by time rather than by
   * count keeps a long run's memory to the last minute's requests (4,096 per node would be
   * gigabytes at 25,000 nodes).
   */
  static final Duration REQUEST_MEMORY = Duration.ofMinutes(1);

  private record Sent(Message request, long atMillis) {}

  /** Our recent requests by request id, oldest first. */
  private final LinkedHashMap<RequestId, Sent> requests = new LinkedHashMap<>();

  /**
   * Answers requests in the protocol's stead (an attacker's behaviour).
   *
   * <p>Returns the response messages, or null to let the protocol handle the request.
   */
  interface Responder {
    List<Message> answer(SimNode at, SimNode from, Message request);
  }

  private Protocol protocol;
  private Codec codec;
  private Protocol.Transport transport;
  private Responder responder;
  private Consumer<NodeRecord> learned = r -> {};

  private final SimNetwork.Observer observer;
  private final SimClock clock;

  SimNode(
      LocalNode local, InetSocketAddress endpoint, SimNetwork.Observer observer, SimClock clock) {
    this.local = local;
    this.endpoint = endpoint;
    this.observer = observer;
    this.clock = clock;
  }

  /** Set once, by the network that built this node (the protocol needs the node's callbacks). */
  void attach(Protocol protocol, Codec codec, Protocol.Transport transport) {
    this.protocol = protocol;
    this.codec = codec;
    this.transport = transport;
  }

  /** From now on {@code responder} sees every request first. */
  void respondWith(Responder responder) {
    this.responder = responder;
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

  /** Starts advertising the topic, as {@link Discovery#registerTopic} does on the event loop. */
  void registerTopic(Topic topic) {
    protocol.topics().orElseThrow().topics().register(topic);
  }

  /** Searches the topic, as {@link Discovery#searchTopic} does on the event loop. */
  CompletableFuture<List<NodeRecord>> searchTopic(Topic topic, int count) {
    return protocol.topics().orElseThrow().topics().search(topic, count, r -> {});
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
    RequestId request =
        switch (message) {
          case Message.Ping m -> m.requestId();
          case Message.FindNode m -> m.requestId();
          case Message.TalkReq m -> m.requestId();
          case Message.RegTopic m -> m.requestId();
          case Message.TopicQuery m -> m.requestId();
          default -> null;
        };
    if (request == null) return;
    long now = clock.elapsed().toMillis();
    Iterator<Sent> oldest = requests.values().iterator();
    while (oldest.hasNext() && oldest.next().atMillis() < now - REQUEST_MEMORY.toMillis()) {
      oldest.remove();
    }
    requests.put(request, new Sent(message, now));
  }

  void deliver(Message message, Bytes datagram, SimNode from) {
    received[message.type()]++;
    observer.received(this, message);
    RequestId answered =
        switch (message) {
          case Message.Pong m -> m.requestId();
          case Message.Nodes m -> m.requestId();
          case Message.TalkResp m -> m.requestId();
          case Message.RegConfirmation m -> m.requestId();
          case Message.TopicNodes m -> m.requestId();
          default -> null;
        };
    Sent sent = answered == null ? null : requests.get(answered);
    Message request = sent == null ? null : sent.request();
    if (request != null) {
      answers[request.type()]++;
      observer.answered(this, from, request, message);
    }
    List<Message> answers = responder == null ? null : responder.answer(this, from, message);
    if (answers == null) {
      protocol.onDatagram(datagram, from.endpoint());
      return;
    }
    NodeAddress to = new NodeAddress(from.id(), from.endpoint());
    for (Message m : answers) transport.send(codec.encode(to, m).packet(), from.endpoint());
  }
}
