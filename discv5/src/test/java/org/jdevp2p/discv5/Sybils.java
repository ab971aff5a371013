package org.jdevp2p.discv5;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.jdevp2p.discv5.topic.AdvertiserConfig;
import org.jdevp2p.discv5.topic.Topic;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.discv5.wire.Message.FindNode;
import org.jdevp2p.discv5.wire.Message.Nodes;
import org.jdevp2p.discv5.wire.Message.TopicNodes;
import org.jdevp2p.discv5.wire.Message.TopicQuery;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * The attacker of topics.md §9–10 against one topic: Sybil nodes that advertise the topic (with the
 * production advertiser, at {@link #REGISTRATION_FACTOR} times the honest K_register), answer every
 * FINDNODE with Sybils only, and answer every TOPICQUERY for the topic with F_return Sybil ads and
 * Sybil auxiliary records, one per distance asked. Their IPs lie in /8s no honest node uses ({@link
 * #FIRST_OCTET} on), several Sybils per IP.
 */
final class Sybils {
  /**
   * The first octet of Sybil addresses: the honest ones end at {@link
   * SimNetwork#HONEST_LAST_OCTET}.
   */
  static final int FIRST_OCTET = 150;

  /** Ads a registrar returns per TOPICQUERY: the spec's F_return, which the attacker fills. */
  static final int F_RETURN = 10;

  /** Auxiliary records per response: our cap (topics.md §8), which the attacker fills too. */
  static final int MAX_AUXILIARY = 8;

  /**
   * The paper's malicious nodes "register ads for the targeted topic at a rate 10 times higher than
   * that of honest nodes" (topics.md §10): 10 × K_register registrations per bucket. A topic table
   * bucket holds {@link AdvertiserConfig#MAX_REGISTRATIONS_PER_BUCKET} registrars, so the Sybils
   * end up registering with every registrar each bucket holds.
   */
  static final int REGISTRATION_FACTOR = 10;

  /** What a Sybil keeps per bucket: 10 × K_register, as far as a bucket has registrars. */
  static final AdvertiserConfig ADVERTISER =
      new AdvertiserConfig(
          Math.min(
              REGISTRATION_FACTOR * AdvertiserConfig.DEFAULT_REGISTRATIONS_PER_BUCKET,
              AdvertiserConfig.MAX_REGISTRATIONS_PER_BUCKET));

  private final Topic topic;
  private final NodeId topicId;
  private final List<SimNode> nodes = new ArrayList<>();
  private final Set<NodeId> ids = new HashSet<>();
  private final SplittableRandom random;
  private long grindTries;
  private long grindNanos;

  /**
   * Adds {@code count} Sybils to the network, {@code perIp} behind each address.
   *
   * @param groundBits 0 for uniform ids; else ids are ground until they share this many leading
   *     bits with the topic (log distance at most 256 − groundBits)
   */
  Sybils(SimNetwork net, Topic topic, int count, int perIp, int groundBits) {
    this.topic = topic;
    this.topicId = new NodeId(topic.id());
    this.random = net.random().split();
    IdGrinder grinder = new IdGrinder(topicId, groundBits);
    for (int i = 0; i < count; i++) {
      int group = i / perIp;
      InetSocketAddress at =
          new InetSocketAddress(
              SimNetwork.ipv4(FIRST_OCTET + group / 65_536, (group / 256) % 256, group % 256, 1),
              SimNetwork.PORT + i % perIp);
      long started = System.nanoTime();
      IdGrinder.Result ground = grinder.grind(net.newKey());
      grindNanos += System.nanoTime() - started;
      grindTries += ground.tries();
      SimNode node = net.addNode(ground.key(), at, b -> b, c -> c.advertiser(ADVERTISER));
      nodes.add(node);
      ids.add(node.id());
    }
  }

  /** Turns the Sybils malicious and starts their advertising. */
  void attack() {
    for (SimNode n : nodes) {
      n.respondWith(this::answer);
      n.registerTopic(topic);
    }
  }

  boolean isSybil(NodeId id) {
    return ids.contains(id);
  }

  int size() {
    return nodes.size();
  }

  /** Candidate keys the id grinding hashed, for all Sybils together. */
  long grindTries() {
    return grindTries;
  }

  /** Wall time the id grinding took, for all Sybils together. */
  Duration grindTime() {
    return Duration.ofNanos(grindNanos);
  }

  private List<Message> answer(SimNode at, SimNode from, Message request) {
    return switch (request) {
      case FindNode f ->
          List.<Message>copyOf(
              Nodes.pack(f.requestId(), atDistances(at.id(), f.distances(), 16, 16)));
      case TopicQuery q when q.topic().equals(topic.id()) ->
          TopicNodes.pack(
              q.requestId(), randomAds(), atDistances(topicId, q.distances(), 1, MAX_AUXILIARY));
      default -> null;
    };
  }

  /** Sybils at the requested log distances from {@code center}, up to {@code perDistance} each. */
  private List<NodeRecord> atDistances(
      NodeId center, List<Integer> distances, int perDistance, int max) {
    List<NodeRecord> out = new ArrayList<>();
    for (int d : new LinkedHashSet<>(distances)) {
      int taken = 0;
      for (SimNode s : nodes) {
        if (out.size() >= max || taken >= perDistance) break;
        if (center.logDistance(s.id()) == d) {
          out.add(s.record());
          taken++;
        }
      }
    }
    return out;
  }

  /** F_return distinct Sybils, chosen at random for each answer. */
  private List<NodeRecord> randomAds() {
    Set<Integer> picked = new LinkedHashSet<>();
    while (picked.size() < Math.min(F_RETURN, nodes.size())) {
      picked.add(random.nextInt(nodes.size()));
    }
    return picked.stream().map(i -> nodes.get(i).record()).toList();
  }
}
