package org.jdevp2p.discv5;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.discv5.DiscoveryException.Reason;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.discv5.wire.Message.FindNode;
import org.jdevp2p.discv5.wire.Message.Nodes;
import org.jdevp2p.discv5.wire.Message.Ping;
import org.jdevp2p.discv5.wire.Message.Pong;
import org.jdevp2p.discv5.wire.Message.RegConfirmation;
import org.jdevp2p.discv5.wire.Message.RegTopic;
import org.jdevp2p.discv5.wire.Message.TalkReq;
import org.jdevp2p.discv5.wire.Message.TalkResp;
import org.jdevp2p.discv5.wire.Message.TopicNodes;
import org.jdevp2p.discv5.wire.Message.TopicQuery;
import org.jdevp2p.discv5.wire.RequestId;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol state machine of one node: requests and their responses, the handshake flow around
 * them, the request handlers, the node table, lookups, revalidation and address votes; topic
 * discovery through its {@link TopicService}. Like geth's {@code UDPv5} dispatch loop it is the
 * single owner of all of this state: every method runs on the node's event loop thread, so nothing
 * here needs a lock. Other threads hand it work through {@link Discovery}.
 */
final class Protocol {
  private static final Logger LOG = LoggerFactory.getLogger(Protocol.class);

  /** The spec's maximum packet size; larger datagrams are dropped unread. */
  static final int MAX_PACKET_SIZE = 1280;

  /**
   * A WHOAREYOU is 63 bytes; we challenge only packets at least that large, so a spoofed source
   * never gets more bytes from us than the spoofer sent (no amplification).
   */
  static final int MIN_CHALLENGE_TRIGGER_SIZE = 63;

  /**
   * Requests pending toward one node: twice the 16 in flight our PING benchmark keeps, far above
   * what lookups need (geth runs one at a time per node and queues the rest).
   */
  static final int MAX_PENDING_PER_NODE = 32;

  /** Requests pending toward all nodes: a bound on memory whatever callers do. */
  static final int MAX_PENDING_CALLS = 4_096;

  /** Records served per FINDNODE: geth's {@code findnodeResultLimit}. */
  static final int FINDNODE_RESULT_LIMIT = 16;

  /** NODES messages accepted per request: geth's {@code totalNodesResponseLimit}. */
  static final int MAX_NODES_RESPONSES = 5;

  /** Records with a UDP port at or below this are dropped from NODES, as geth does. */
  static final int MAX_PRIVILEGED_PORT = 1024;

  /**
   * The node stream starts a lookup at most this often: geth's lookupIterator {@code slowdown} (1
   * s), which keeps a consumer whose filter few nodes pass from running lookups back to back.
   */
  static final Duration MIN_FEED_INTERVAL = Duration.ofSeconds(1);

  /**
   * Random lookups after the self lookup of each refresh: geth's doRefresh runs three. A self
   * lookup asks each peer only for the distances around our own distance to it, so through a lone
   * bootnode it can miss every node the bootnode knows; random targets ask for the distances where
   * most of its table sits.
   */
  static final int RANDOM_LOOKUPS_PER_REFRESH = 3;

  /** Sends datagrams on the socket of the destination's address family. */
  interface Transport {
    void send(Bytes packet, InetSocketAddress to);

    /** True if we listen on this address family. */
    boolean supports(InetAddress address);
  }

  /** A request of ours waiting for its response. */
  private static final class Call {
    final NodeRecord node;
    final NodeAddress peer;
    final Message request;
    final RequestId requestId;

    /** Collects a REGTOPIC's or TOPICQUERY's answer; null for other requests. */
    final TopicAnswer topicAnswer;

    final CompletableFuture<Object> result = new CompletableFuture<>();
    final List<NodeRecord> nodes = new ArrayList<>();
    final Set<NodeId> nodeIds = new HashSet<>();
    Instant deadline;
    Bytes nonce;
    boolean handshakeSent;
    int nodesExpected;
    int nodesReceived;

    Call(
        NodeRecord node,
        NodeAddress peer,
        Message request,
        RequestId requestId,
        TopicAnswer topicAnswer) {
      this.node = node;
      this.peer = peer;
      this.request = request;
      this.requestId = requestId;
      this.topicAnswer = topicAnswer;
    }

    /** What to complete with when the response stops short of its total; null: a timeout. */
    Object partialResult() {
      if (topicAnswer != null) return topicAnswer.usable() ? topicAnswer.result() : null;
      return nodesReceived > 0 ? List.copyOf(nodes) : null;
    }
  }

  private final DiscoveryConfig config;
  private final LocalNode local;
  private final Codec codec;
  private final Transport transport;
  private final Counters counters;
  private final RandomGenerator random;
  private final NodeTable table;
  private final PacketRateLimiter limiter;
  private final Map<Bytes, TalkHandler> talkHandlers = new HashMap<>();

  /** Topic discovery; null when the configuration turns it off. */
  private final TopicService topics;

  private final Map<RequestId, Call> calls = new HashMap<>();
  private final Map<Bytes, Call> callsByNonce = new HashMap<>();
  private final Map<NodeAddress, Call> handshaking = new HashMap<>();
  private final Map<NodeAddress, ArrayDeque<Call>> waitingForSession = new HashMap<>();
  private final Map<NodeId, Integer> pendingPerNode = new HashMap<>();

  private final Consumer<NodeRecord> learned;
  private final BooleanSupplier wantsNodes;
  private boolean feeding;
  private Instant nextFeed = Instant.MIN;
  private Instant nextRevalidation;
  private Instant nextRefresh;
  private boolean refreshing;
  private boolean revalidating;

  Protocol(
      DiscoveryConfig config,
      LocalNode local,
      Codec codec,
      Transport transport,
      Counters counters,
      TableListener listener,
      Consumer<NodeRecord> learned,
      BooleanSupplier wantsNodes,
      RandomGenerator random) {
    this.learned = learned;
    this.wantsNodes = wantsNodes;
    this.config = config;
    this.local = local;
    this.codec = codec;
    this.transport = transport;
    this.counters = counters;
    this.random = random;
    this.table = new NodeTable(local.id(), config.clock(), withTopics(listener));
    this.topics =
        config.topics()
            ? new TopicService(config, local, table, this::request, this::ping, counters, random)
            : null;
    this.limiter =
        new PacketRateLimiter(
            config.perIpBurst(),
            config.perIpPerSecond(),
            config.globalBurst(),
            config.globalPerSecond(),
            config.clock());
    Instant now = config.clock().instant();
    this.nextRevalidation = now.plus(config.revalidationInterval());
    this.nextRefresh = now.plus(nextRefreshDelay());
  }

  NodeTable table() {
    return table;
  }

  /** Topic discovery, unless the configuration turns it off. */
  Optional<TopicService> topics() {
    return Optional.ofNullable(topics);
  }

  /** Newly verified table members also go to the topic tables, which are seeded from ours. */
  private TableListener withTopics(TableListener listener) {
    return new TableListener() {
      @Override
      public void nodeAdded(NodeRecord node) {
        if (topics != null) topics.nodeVerified(node);
        listener.nodeAdded(node);
      }

      @Override
      public void nodeRemoved(NodeRecord node) {
        listener.nodeRemoved(node);
      }
    };
  }

  // ---------------------------------------------------------------- inbound

  /** One datagram from the socket. Never throws. */
  void onDatagram(Bytes datagram, InetSocketAddress from) {
    try {
      if (datagram.size() > MAX_PACKET_SIZE) {
        counters.drop(DropReason.OVERSIZED);
        return;
      }
      if (!config.netRestrict().allows(from.getAddress())) {
        counters.drop(DropReason.NOT_ALLOWED);
        return;
      }
      Codec.Inbound inbound = codec.decode(datagram, from);
      counters.packetIn(
          switch (inbound) {
            case Codec.Received r when r.handshakeNode().isPresent() -> PacketKind.HANDSHAKE;
            case Codec.Challenged c -> PacketKind.WHOAREYOU;
            default -> PacketKind.ORDINARY;
          });
      switch (inbound) {
        case Codec.Received r -> onMessage(r, from);
        case Codec.Undecryptable u -> onUndecryptable(u, from, datagram.size());
        case Codec.Challenged c -> onChallenge(c, from);
      }
    } catch (DropException e) {
      counters.drop(e.reason());
      LOG.trace("dropped packet from {}: {}", from, e.getMessage());
    } catch (RuntimeException e) {
      counters.drop(DropReason.INTERNAL_ERROR);
      LOG.warn("failed on a packet from {}", from, e);
    } finally {
      counters.sizes(codec.sessionCount(), table.size());
    }
  }

  private void onUndecryptable(Codec.Undecryptable u, InetSocketAddress from, int size) {
    if (u.hadSession()) counters.drop(DropReason.DECRYPT_FAILED);
    if (size < MIN_CHALLENGE_TRIGGER_SIZE) {
      counters.drop(DropReason.TOO_SMALL_TO_CHALLENGE);
      return;
    }
    if (!limiter.allow(from.getAddress())) {
      counters.drop(DropReason.RATE_LIMITED);
      return;
    }
    NodeAddress peer = new NodeAddress(u.from(), from);
    Optional<NodeRecord> known = knownRecord(u.from());
    send(codec.challenge(peer, u.nonce(), known), from);
  }

  private void onChallenge(Codec.Challenged c, InetSocketAddress from) {
    Call call = callsByNonce.get(c.whoAreYou().nonce());
    if (call == null || call.handshakeSent || !call.peer.address().equals(from)) {
      counters.drop(DropReason.UNEXPECTED_WHOAREYOU);
      return;
    }
    callsByNonce.remove(call.nonce);
    Codec.Outbound out = codec.encodeHandshake(call.peer, call.node, c.whoAreYou(), call.request);
    call.handshakeSent = true;
    call.nonce = out.nonce();
    callsByNonce.put(out.nonce(), call);
    counters.handshake();
    send(out, from);
    if (handshaking.get(call.peer) == call) handshaking.remove(call.peer);
    // The session is up: what waited for it goes now (spec: re-send the others after the session).
    ArrayDeque<Call> waiting = waitingForSession.remove(call.peer);
    if (waiting != null) waiting.forEach(this::transmit);
  }

  private void onMessage(Codec.Received r, InetSocketAddress from) {
    NodeAddress peer = new NodeAddress(r.from(), from);
    r.handshakeNode()
        .ifPresent(
            node -> {
              counters.handshake();
              addIfVerified(node, from);
            });
    counters.messageIn(r.message().type());
    switch (r.message()) {
      case Ping ping ->
          reply(peer, new Pong(ping.requestId(), local.seq(), from.getAddress(), from.getPort()));
      case FindNode find -> serveFindNode(peer, find);
      case TalkReq talk -> serveTalk(peer, talk);
      case Pong pong -> onResponse(peer, pong.requestId(), pong);
      case Nodes nodes -> onResponse(peer, nodes.requestId(), nodes);
      case TalkResp resp -> onResponse(peer, resp.requestId(), resp);
      // With topics off, topic requests are ignored like unknown messages: the session stays up.
      case RegTopic reg when topics == null -> counters.drop(DropReason.UNKNOWN_MESSAGE);
      case TopicQuery query when topics == null -> counters.drop(DropReason.UNKNOWN_MESSAGE);
      case RegTopic reg -> topics.serveRegTopic(peer, reg).forEach(m -> reply(peer, m));
      case TopicQuery query -> topics.serveTopicQuery(peer, query).forEach(m -> reply(peer, m));
      case RegConfirmation conf -> onResponse(peer, conf.requestId(), conf);
      case TopicNodes nodes -> onResponse(peer, nodes.requestId(), nodes);
      case Message.Unknown unknown -> counters.drop(DropReason.UNKNOWN_MESSAGE);
    }
  }

  // ---------------------------------------------------------------- serving requests

  private void reply(NodeAddress peer, Message response) {
    counters.messageOut(response.type());
    send(codec.encode(peer, response), peer.address());
  }

  private void serveFindNode(NodeAddress peer, FindNode find) {
    List<NodeRecord> found = new ArrayList<>();
    // geth skips repeated distances; every distance is in 0..256 (the codec checked).
    for (int d : new LinkedHashSet<>(find.distances())) {
      if (found.size() >= FINDNODE_RESULT_LIMIT) break;
      if (d == 0) {
        found.add(local.record());
        continue;
      }
      for (NodeTable.Entry e : table.atDistance(d)) {
        if (found.size() >= FINDNODE_RESULT_LIMIT) break;
        if (relayable(peer.address().getAddress(), e.endpoint().getAddress())) {
          found.add(e.record());
        }
      }
    }
    for (Nodes nodes : Nodes.pack(find.requestId(), found)) reply(peer, nodes);
  }

  private void serveTalk(NodeAddress peer, TalkReq talk) {
    TalkHandler handler = talkHandlers.get(talk.protocol());
    Bytes response = Bytes.EMPTY; // geth: unknown protocol gets an empty TALKRESP at once
    if (handler != null) {
      try {
        response = handler.handle(peer.id(), peer.address(), talk.request());
      } catch (RuntimeException e) {
        LOG.warn("TALKREQ handler for {} failed", talk.protocol(), e);
      }
    }
    reply(peer, new TalkResp(talk.requestId(), response == null ? Bytes.EMPTY : response));
  }

  void registerTalkHandler(Bytes protocol, TalkHandler handler) {
    talkHandlers.put(protocol, handler);
  }

  // ---------------------------------------------------------------- our requests

  CompletableFuture<Object> ping(NodeRecord node) {
    return request(node, id -> new Ping(id, local.seq()));
  }

  CompletableFuture<List<NodeRecord>> findNodes(NodeRecord node, List<Integer> distances) {
    return request(node, id -> new FindNode(id, distances)).thenApply(Protocol::records);
  }

  CompletableFuture<Object> talk(NodeRecord node, Bytes protocol, Bytes payload) {
    return request(node, id -> new TalkReq(id, protocol, payload));
  }

  @SuppressWarnings("unchecked")
  private static List<NodeRecord> records(Object result) {
    return (List<NodeRecord>) result;
  }

  private CompletableFuture<Object> request(NodeRecord node, Function<RequestId, Message> message) {
    return request(node, message, null);
  }

  /** Sends a request; {@code topicAnswer} collects a REGTOPIC's or TOPICQUERY's answer. */
  private CompletableFuture<Object> request(
      NodeRecord node, Function<RequestId, Message> message, TopicAnswer topicAnswer) {
    Optional<InetSocketAddress> endpoint = endpointOf(node);
    if (endpoint.isEmpty()) {
      return CompletableFuture.failedFuture(
          new DiscoveryException(Reason.NO_ENDPOINT, "no endpoint we can reach in " + node));
    }
    int pending = pendingPerNode.getOrDefault(node.nodeId(), 0);
    if (pending >= MAX_PENDING_PER_NODE || calls.size() >= MAX_PENDING_CALLS) {
      return CompletableFuture.failedFuture(
          new DiscoveryException(
              Reason.TOO_MANY_PENDING, pending + " requests to " + node.nodeId()));
    }
    RequestId id = RequestId.random(random);
    while (calls.containsKey(id)) id = RequestId.random(random);
    Call call =
        new Call(
            node,
            new NodeAddress(node.nodeId(), endpoint.get()),
            message.apply(id),
            id,
            topicAnswer);
    call.deadline = config.clock().instant().plus(config.requestTimeout());
    calls.put(id, call);
    pendingPerNode.merge(node.nodeId(), 1, Integer::sum);
    transmit(call);
    return call.result;
  }

  /** Sends a call: under the session, or starting a handshake, or after the one in progress. */
  private void transmit(Call call) {
    if (call.result.isDone()) return;
    if (handshaking.containsKey(call.peer)) {
      waitingForSession.computeIfAbsent(call.peer, p -> new ArrayDeque<>()).add(call);
      return;
    }
    counters.messageOut(call.request.type());
    Codec.Outbound out = codec.encode(call.peer, call.request);
    if (out.startsHandshake()) handshaking.put(call.peer, call);
    if (call.nonce != null) callsByNonce.remove(call.nonce);
    call.nonce = out.nonce();
    callsByNonce.put(out.nonce(), call);
    send(out, call.peer.address());
  }

  private void onResponse(NodeAddress from, RequestId id, Message response) {
    Call call = calls.get(id);
    if (call == null || !call.peer.equals(from) || !answers(call, response)) {
      counters.drop(DropReason.UNSOLICITED_RESPONSE);
      return;
    }
    addIfVerified(call.node, from.address());
    switch (response) {
      case Pong pong -> {
        InetSocketAddress seen = new InetSocketAddress(pong.recipientIp(), pong.recipientPort());
        if (local.addStatement(from.address(), seen) && topics != null) {
          topics.recordChanged();
        }
        finish(call, new PingResponse(pong.enrSeq(), seen));
      }
      case TalkResp resp -> finish(call, resp.response());
      case Nodes nodes when call.topicAnswer != null -> collectTopicAnswer(call, nodes);
      case Nodes nodes -> collectNodes(call, nodes);
      case RegConfirmation conf -> collectTopicAnswer(call, conf);
      case TopicNodes nodes -> collectTopicAnswer(call, nodes);
      default -> throw new IllegalStateException("not a response: " + response);
    }
  }

  private static boolean answers(Call call, Message response) {
    if (call.topicAnswer != null) return call.topicAnswer.answeredBy(response);
    return switch (call.request) {
      case Ping p -> response instanceof Pong;
      case FindNode f -> response instanceof Nodes;
      case TalkReq t -> response instanceof TalkResp;
      default -> false;
    };
  }

  private void collectTopicAnswer(Call call, Message response) {
    TopicAnswer.Progress progress =
        call.topicAnswer.add(
            response, r -> usableRelay(call, r), () -> counters.drop(DropReason.BAD_NODES_RECORD));
    switch (progress) {
      case COMPLETE -> finish(call, call.topicAnswer.result());
      // geth restarts the response timer for every packet of a multi-packet answer
      case PARTIAL -> call.deadline = config.clock().instant().plus(config.requestTimeout());
      case BROKEN -> {
        counters.drop(DropReason.BAD_TOPIC_RESPONSE);
        fail(call, new DiscoveryException(Reason.BAD_RESPONSE, "topic answer from " + call.peer));
      }
    }
  }

  private void collectNodes(Call call, Nodes nodes) {
    FindNode request = (FindNode) call.request;
    if (call.nodesReceived == 0) {
      call.nodesExpected = Math.max(1, Math.min(nodes.total(), MAX_NODES_RESPONSES));
    }
    call.nodesReceived++;
    for (NodeRecord r : nodes.records()) {
      if (acceptable(call, request, r)) {
        call.nodes.add(r);
        if (!r.nodeId().equals(local.id())) learned.accept(r); // peers may list us

      } else {
        counters.drop(DropReason.BAD_NODES_RECORD);
      }
    }
    if (call.nodesReceived >= call.nodesExpected) {
      finish(call, List.copyOf(call.nodes));
    } else {
      // geth restarts the response timer for every packet of a multi-packet answer
      call.deadline = config.clock().instant().plus(config.requestTimeout());
    }
  }

  /**
   * geth's {@code verifyResponseNode}: distance asked for, usable address within the netrestrict
   * networks, port above 1024.
   */
  private boolean acceptable(Call call, FindNode request, NodeRecord r) {
    NodeId id = r.nodeId();
    if (!call.nodeIds.add(id)) return false;
    if (!request.distances().contains(call.node.nodeId().logDistance(id))) return false;
    return usableRelay(call, r);
  }

  /** A record the responder of {@code call} may tell us about: reachable, allowed, relayable. */
  private boolean usableRelay(Call call, NodeRecord r) {
    Optional<InetSocketAddress> endpoint = endpointOf(r);
    if (endpoint.isEmpty() || endpoint.get().getPort() <= MAX_PRIVILEGED_PORT) return false;
    if (!config.netRestrict().allows(endpoint.get().getAddress())) return false;
    return relayable(call.peer.address().getAddress(), endpoint.get().getAddress());
  }

  private void finish(Call call, Object value) {
    forget(call);
    call.result.complete(value);
  }

  private void fail(Call call, DiscoveryException e) {
    forget(call);
    call.result.completeExceptionally(e);
  }

  private void forget(Call call) {
    calls.remove(call.requestId);
    if (call.nonce != null) callsByNonce.remove(call.nonce);
    pendingPerNode.computeIfPresent(call.node.nodeId(), (k, n) -> n == 1 ? null : n - 1);
    if (handshaking.get(call.peer) == call) {
      handshaking.remove(call.peer);
      // The peer never answered the handshake: what waited for it fails too.
      ArrayDeque<Call> waiting = waitingForSession.remove(call.peer);
      if (waiting != null) {
        for (Call w : waiting) {
          fail(w, new DiscoveryException(Reason.TIMEOUT, "no handshake with " + w.peer));
        }
      }
    }
  }

  // ---------------------------------------------------------------- lookups and table upkeep

  CompletableFuture<List<NodeRecord>> lookup(NodeId target) {
    counters.lookup();
    List<NodeRecord> seeds = new ArrayList<>();
    table.closest(target, Lookup.RESULT_SIZE).forEach(e -> seeds.add(e.record()));
    if (seeds.isEmpty()) seeds.addAll(config.bootnodes());
    return new Lookup(target, local.id(), this::findNodes).start(seeds);
  }

  /** Contacts the bootnodes, then refreshes the table from them. */
  void bootstrap() {
    List<CompletableFuture<Object>> pings = new ArrayList<>();
    for (NodeRecord boot : config.bootnodes()) pings.add(ping(boot));
    if (pings.isEmpty()) return;
    CompletableFuture.allOf(
            pings.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
        .whenComplete((v, e) -> refresh());
  }

  /**
   * geth's doRefresh: a lookup of our own id finds our neighbours, then {@link
   * #RANDOM_LOOKUPS_PER_REFRESH} lookups of random ids fill the other buckets, one after another.
   */
  private void refresh() {
    if (refreshing) return;
    refreshing = true;
    CompletableFuture<?> chain = lookup(local.id());
    for (int i = 0; i < RANDOM_LOOKUPS_PER_REFRESH; i++) {
      chain = chain.handle((r, e) -> null).thenCompose(x -> lookup(randomId()));
    }
    chain.whenComplete((r, e) -> refreshing = false);
  }

  /** geth's nextRefreshTime: between half the interval and all of it, so nodes do not align. */
  private Duration nextRefreshDelay() {
    long half = config.refreshInterval().toMillis() / 2;
    return Duration.ofMillis(half + random.nextLong(Math.max(1, half)));
  }

  /** Periodic work: expiry of requests and challenges, revalidation, refresh. */
  void tick() {
    Instant now = config.clock().instant();
    for (Call call : List.copyOf(calls.values())) {
      if (!now.isBefore(call.deadline) && !call.result.isDone()) {
        Object partial = call.partialResult();
        if (partial != null) {
          finish(call, partial); // part of a multi-message answer: keep what came
        } else {
          fail(call, new DiscoveryException(Reason.TIMEOUT, "no response from " + call.peer));
        }
      }
    }
    codec.expire();
    if (!now.isBefore(nextRevalidation)) {
      nextRevalidation = now.plus(config.revalidationInterval());
      revalidate();
    }
    if (!now.isBefore(nextRefresh)) {
      nextRefresh = now.plus(nextRefreshDelay());
      refresh();
    }
    // Someone consumes our node stream: keep one random lookup running to feed it, starting one a
    // second at most (geth's lookup iterator does the same while its consumer reads).
    if (!feeding && !now.isBefore(nextFeed) && wantsNodes.getAsBoolean()) {
      feeding = true;
      nextFeed = now.plus(MIN_FEED_INTERVAL);
      lookup(randomId()).whenComplete((r, e) -> feeding = false);
    }
    if (topics != null) topics.tick();
    counters.sizes(codec.sessionCount(), table.size());
  }

  private void revalidate() {
    if (revalidating) return;
    Optional<NodeTable.Entry> next = table.nextToRevalidate();
    if (next.isEmpty()) return;
    NodeRecord node = next.get().record();
    revalidating = true;
    ping(node)
        .whenComplete(
            (pong, failure) -> {
              if (failure != null) {
                table.revalidationFailed(node.nodeId());
                revalidating = false;
              } else if (((PingResponse) pong).enrSeq() > node.seq()) {
                // geth RequestENR: a newer record is fetched with FINDNODE [0]
                findNodes(node, List.of(0))
                    .whenComplete(
                        (records, f) -> {
                          NodeRecord fresh =
                              f == null && records.size() == 1 ? records.getFirst() : node;
                          table.revalidated(fresh);
                          revalidating = false;
                        });
              } else {
                table.revalidated(node);
                revalidating = false;
              }
            });
  }

  private NodeId randomId() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return new NodeId(Bytes32.wrap(b));
  }

  /** Fails every pending request: the node is closing. */
  void close() {
    if (topics != null) topics.close();
    for (Call call : List.copyOf(calls.values())) {
      fail(call, new DiscoveryException(Reason.CLOSED, "discovery closed"));
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Adds a node that just proved it is alive, if its record states the endpoint it talks from: we
   * relay only addresses we have seen work.
   */
  private void addIfVerified(NodeRecord node, InetSocketAddress from) {
    Optional<InetSocketAddress> endpoint = endpointOf(node).filter(from::equals);
    if (endpoint.isPresent() && config.netRestrict().allows(endpoint.get().getAddress())) {
      table.addVerified(node, from);
    }
  }

  private Optional<NodeRecord> knownRecord(NodeId id) {
    Optional<NodeTable.Entry> e = table.get(id);
    if (e.isPresent()) return Optional.of(e.get().record());
    for (Call c : calls.values()) if (c.node.nodeId().equals(id)) return Optional.of(c.node);
    return Optional.empty();
  }

  /** The endpoint we use for a node: IPv4 when we listen on IPv4 and it has one, else IPv6. */
  private Optional<InetSocketAddress> endpointOf(NodeRecord node) {
    Optional<InetSocketAddress> v4 = node.udpEndpoint4();
    if (v4.isPresent() && transport.supports(v4.get().getAddress())) return v4;
    Optional<InetSocketAddress> v6 =
        node.ip6().isPresent() ? node.udpEndpoint6() : Optional.empty();
    if (v6.isPresent() && transport.supports(v6.get().getAddress())) return v6;
    return Optional.empty();
  }

  /**
   * geth's {@code netutil.CheckRelayAddr}: never pass on unspecified or multicast addresses, pass
   * loopback addresses only to loopback peers and LAN addresses only to LAN or loopback peers.
   */
  static boolean relayable(InetAddress requester, InetAddress address) {
    if (address.isAnyLocalAddress() || address.isMulticastAddress()) return false;
    if (address instanceof Inet4Address && address.getAddress()[0] == 0) return false;
    if (address.isLoopbackAddress()) return requester.isLoopbackAddress();
    if (IpLimits.isExempt(address)) return IpLimits.isExempt(requester);
    return true;
  }

  private void send(Codec.Outbound out, InetSocketAddress to) {
    counters.packetOut(out.kind());
    transport.send(out.packet(), to);
  }
}
