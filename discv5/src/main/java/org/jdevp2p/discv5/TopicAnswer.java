package org.jdevp2p.discv5;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.discv5.topic.QueryResult;
import org.jdevp2p.discv5.topic.Registration;
import org.jdevp2p.discv5.topic.TopicCapability;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.discv5.wire.Message.Nodes;
import org.jdevp2p.discv5.wire.Message.RegConfirmation;
import org.jdevp2p.discv5.wire.Message.TopicNodes;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * Collects the answer to one REGTOPIC (one REGCONFIRMATION plus NODES) or TOPICQUERY (TOPICNODES
 * plus NODES) until {@code total} messages arrived (topics.md §1). Every message must carry the
 * {@code total} of the first (ours: identical, §11.10). Auxiliary records are kept only if they are
 * usable hints for the topic table (§5): at a distance to the topic that we asked for, the first
 * for that distance, topic-capable, and with an address the relay check passes.
 */
final class TopicAnswer {
  /**
   * Response messages accepted per request (topics.md §8): 4 TOPICNODES carry F_return = 10
   * maximum-size ads, 3 NODES carry 8 auxiliary records; a larger {@code total} is read as 8.
   */
  static final int MAX_RESPONSES = 8;

  /** Auxiliary records taken from one answer: the registrar's cap (topics.md §4, ours). */
  static final int MAX_AUXILIARY = 8;

  /** How the answer stands after a message. */
  enum Progress {
    /** More messages are due. */
    PARTIAL,
    /** All {@code total} messages arrived. */
    COMPLETE,
    /** The registrar broke the protocol (a second REGCONFIRMATION, a changed total). */
    BROKEN
  }

  private final boolean registration;
  private final NodeId topic;
  private final Set<Integer> distances;
  private final Set<Integer> distancesSeen = new HashSet<>();
  private final List<NodeRecord> ads = new ArrayList<>();
  private final List<NodeRecord> auxiliary = new ArrayList<>();
  private RegConfirmation confirmation;
  private int total = -1;
  private int received;

  private TopicAnswer(boolean registration, Bytes32 topic, List<Integer> distances) {
    this.registration = registration;
    this.topic = new NodeId(topic);
    this.distances = Set.copyOf(distances);
  }

  /** The answer to a REGTOPIC that asked for auxiliary records at {@code distances}. */
  static TopicAnswer forRegistration(Bytes32 topic, List<Integer> distances) {
    return new TopicAnswer(true, topic, distances);
  }

  /** The answer to a TOPICQUERY that asked for auxiliary records at {@code distances}. */
  static TopicAnswer forQuery(Bytes32 topic, List<Integer> distances) {
    return new TopicAnswer(false, topic, distances);
  }

  /** Whether {@code response} is of a type that answers this request. */
  boolean answeredBy(Message response) {
    return response instanceof Nodes
        || (registration ? response instanceof RegConfirmation : response instanceof TopicNodes);
  }

  /**
   * Takes one response message.
   *
   * @param relayable the relay checks a record from this registrar must pass
   * @param rejected told of each auxiliary record dropped
   */
  Progress add(Message response, Predicate<NodeRecord> relayable, Runnable rejected) {
    int messageTotal =
        switch (response) {
          case RegConfirmation c -> c.total();
          case TopicNodes t -> t.total();
          case Nodes n -> n.total();
          default -> throw new IllegalArgumentException("not a topic answer: " + response);
        };
    if (total < 0) {
      total = messageTotal;
    } else if (messageTotal != total) {
      return Progress.BROKEN;
    }
    switch (response) {
      case RegConfirmation c -> {
        if (confirmation != null) return Progress.BROKEN;
        confirmation = c;
      }
      case TopicNodes t -> ads.addAll(t.records());
      case Nodes n -> {
        for (NodeRecord r : n.records()) {
          if (!takeAuxiliary(r, relayable)) rejected.run();
        }
      }
      default -> throw new IllegalArgumentException("not a topic answer: " + response);
    }
    received++;
    return received >= Math.max(1, Math.min(total, MAX_RESPONSES))
        ? Progress.COMPLETE
        : Progress.PARTIAL;
  }

  private boolean takeAuxiliary(NodeRecord r, Predicate<NodeRecord> relayable) {
    if (auxiliary.size() >= MAX_AUXILIARY) return false;
    int d = topic.logDistance(r.nodeId());
    if (!distances.contains(d) || distancesSeen.contains(d)) return false;
    if (!TopicCapability.isCapable(r) || !relayable.test(r)) return false;
    distancesSeen.add(d);
    auxiliary.add(r);
    return true;
  }

  /**
   * Whether what arrived so far makes an answer if no more comes: a REGCONFIRMATION for a REGTOPIC,
   * any message for a TOPICQUERY.
   */
  boolean usable() {
    return registration ? confirmation != null : received > 0;
  }

  /** The {@link Registration} or {@link QueryResult}; only when {@link #usable()}. */
  Object result() {
    if (!registration) return new QueryResult(ads, auxiliary);
    return new Registration(
        confirmation.ticket(), Duration.ofMillis(confirmation.waitTimeMillis()), auxiliary);
  }
}
