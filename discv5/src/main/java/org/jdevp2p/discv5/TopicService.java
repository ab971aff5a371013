package org.jdevp2p.discv5;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.discv5.DiscoveryException.Reason;
import org.jdevp2p.discv5.topic.QueryResult;
import org.jdevp2p.discv5.topic.Registrar;
import org.jdevp2p.discv5.topic.Registration;
import org.jdevp2p.discv5.topic.TopicCapability;
import org.jdevp2p.discv5.topic.TopicRequests;
import org.jdevp2p.discv5.topic.Topics;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.discv5.wire.Message.RegConfirmation;
import org.jdevp2p.discv5.wire.Message.RegTopic;
import org.jdevp2p.discv5.wire.Message.TopicNodes;
import org.jdevp2p.discv5.wire.Message.TopicQuery;
import org.jdevp2p.discv5.wire.RequestId;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * Topic discovery inside the protocol (topics.md): serves REGTOPIC and TOPICQUERY as a registrar,
 * and sends them for our advertisers and searchers ({@link TopicRequests}), only to nodes whose
 * record carries {@link TopicCapability}. Owned by the event loop, like {@link Protocol}, which
 * hands it the topic messages and sends what it returns.
 */
final class TopicService implements TopicRequests {

  /** Sends a request through the protocol's request tracker and collects its topic answer. */
  interface Requester {
    CompletableFuture<Object> request(
        NodeRecord node, Function<RequestId, Message> message, TopicAnswer answer);
  }

  private final LocalNode local;
  private final NodeTable table;
  private final Requester requester;
  private final Function<NodeRecord, CompletableFuture<Object>> pinger;
  private final Counters counters;
  private final RandomGenerator random;
  private final Registrar registrar;
  private final Topics topics;

  TopicService(
      DiscoveryConfig config,
      LocalNode local,
      NodeTable table,
      Requester requester,
      Function<NodeRecord, CompletableFuture<Object>> pinger,
      Counters counters,
      RandomGenerator random) {
    this.local = local;
    this.table = table;
    this.requester = requester;
    this.pinger = pinger;
    this.counters = counters;
    this.random = random;
    this.registrar = new Registrar(config.registrar(), config.clock(), random, new SecureRandom());
    this.topics =
        new Topics(
            local.id(),
            this,
            config.advertiser(),
            () -> table.members().stream().map(NodeTable.Entry::record).toList(),
            config.clock(),
            random);
  }

  Topics topics() {
    return topics;
  }

  /** A node entered the routing table: our service tables may take it. */
  void nodeVerified(NodeRecord node) {
    topics.nodeVerified(node);
  }

  /** Our record changed: tickets for the old one are void. */
  void recordChanged() {
    topics.recordChanged();
  }

  void close() {
    topics.close();
  }

  /**
   * Periodic work: the advertisers run only while peers confirm the endpoint our record states, or
   * registrars would drop our REGTOPICs (topics.md §6); the topic metrics are refreshed.
   */
  void tick() {
    topics.tick(local.endpointConfirmed());
    counters.topicState(registrar.adCount(), topics.activeRegistrations());
  }

  // ---------------------------------------------------------------- serving, as a registrar

  /**
   * The answer to a REGTOPIC: REGCONFIRMATION and the auxiliary NODES, or nothing when the
   * registrar refuses it (a record that is not the sender's or does not point at the packet's
   * source: topics.md §4 step 1, drop silently).
   */
  List<Message> serveRegTopic(NodeAddress peer, RegTopic request) {
    Registrar.Outcome outcome =
        registrar.register(
            peer.id(), peer.address(), request.topic(), request.enr(), request.ticket());
    return switch (outcome) {
      case Registrar.Outcome.Admitted a -> confirm(peer, request, Bytes.EMPTY, a.lifetime());
      case Registrar.Outcome.Wait w -> confirm(peer, request, w.ticket(), w.waitTime());
      case Registrar.Outcome.Refused r -> {
        counters.drop(DropReason.TOPIC_REFUSED);
        yield List.of();
      }
    };
  }

  private List<Message> confirm(NodeAddress peer, RegTopic request, Bytes ticket, Duration wait) {
    return RegConfirmation.pack(
        request.requestId(),
        ticket,
        wait.toMillis(),
        auxiliary(peer, request.topic(), request.distances()));
  }

  /** The answer to a TOPICQUERY: TOPICNODES (at least one, maybe empty) and auxiliary NODES. */
  List<Message> serveTopicQuery(NodeAddress peer, TopicQuery request) {
    return TopicNodes.pack(
        request.requestId(),
        registrar.query(request.topic()),
        auxiliary(peer, request.topic(), request.distances()));
  }

  /**
   * Auxiliary records (topics.md §4 "Auxiliary ENRs"): for each requested distance d, at most one
   * randomly chosen liveness-verified, topic-capable node n with logdist(topic, n) = d, from the
   * routing table and our service table of the topic, not the requester and not us, that the
   * requester may be told about; at most {@link TopicAnswer#MAX_AUXILIARY} in all.
   */
  private List<NodeRecord> auxiliary(NodeAddress peer, Bytes32 topic, List<Integer> distances) {
    if (distances.isEmpty()) return List.of();
    NodeId topicId = new NodeId(topic);
    List<NodeRecord> out = new ArrayList<>();
    for (int d : distances.stream().distinct().toList()) {
      if (out.size() >= TopicAnswer.MAX_AUXILIARY) break;
      List<NodeRecord> at = new ArrayList<>();
      for (NodeTable.Entry e : table.atDistanceFrom(topicId, d)) {
        if (auxiliaryFor(peer, e.record(), e.endpoint())) at.add(e.record());
      }
      for (NodeRecord r : topics.tableNodes(topic, d)) {
        if (table.get(r.nodeId()).isPresent()) continue; // weighed once, from the routing table
        Optional<InetSocketAddress> endpoint = r.udpEndpoint4().or(r::udpEndpoint6);
        if (endpoint.isPresent() && auxiliaryFor(peer, r, endpoint.get())) at.add(r);
      }
      if (!at.isEmpty()) out.add(at.get(random.nextInt(at.size())));
    }
    return out;
  }

  private static boolean auxiliaryFor(NodeAddress peer, NodeRecord r, InetSocketAddress endpoint) {
    return TopicCapability.isCapable(r)
        && !r.nodeId().equals(peer.id())
        && Protocol.relayable(peer.address().getAddress(), endpoint.getAddress());
  }

  // ---------------------------------------------------------------- requesting, for our agents

  @Override
  public CompletableFuture<Registration> regTopic(
      NodeRecord registrar, Bytes32 topic, Bytes ticket, List<Integer> distances) {
    return send(
            registrar,
            id -> new RegTopic(id, topic, local.record(), ticket, distances),
            TopicAnswer.forRegistration(topic, distances))
        .thenApply(Registration.class::cast);
  }

  @Override
  public CompletableFuture<QueryResult> topicQuery(
      NodeRecord registrar, Bytes32 topic, List<Integer> distances) {
    return send(
            registrar,
            id -> new TopicQuery(id, topic, distances),
            TopicAnswer.forQuery(topic, distances))
        .thenApply(QueryResult.class::cast);
  }

  @Override
  public CompletableFuture<?> ping(NodeRecord node) {
    return pinger.apply(node);
  }

  /**
   * Topic messages go only to nodes that carry the capability (enr-entries/ng.md): geth, Teku and
   * ChainSafe never see them.
   */
  private CompletableFuture<Object> send(
      NodeRecord node, Function<RequestId, Message> message, TopicAnswer answer) {
    if (!TopicCapability.isCapable(node)) {
      return CompletableFuture.failedFuture(
          new DiscoveryException(
              Reason.NOT_TOPIC_CAPABLE, node.nodeId() + " does not speak topic discovery"));
    }
    return requester.request(node, message, answer);
  }
}
