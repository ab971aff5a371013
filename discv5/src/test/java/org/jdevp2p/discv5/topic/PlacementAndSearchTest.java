package org.jdevp2p.discv5.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.Keccak256;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeFilter;
import org.jdevp2p.node.NodeId;
import org.junit.jupiter.api.Test;

/**
 * Advertisers and a searcher of one topic among 200 nodes whose registrars are trivial (one ticket
 * of a second, then admission; TOPICQUERY answers a random sample of at most F_return ads): the
 * placement and the lookup meet. With no more advertisers than F_return, every registrar near the
 * topic, where buckets hold fewer than K_register nodes, holds every ad and returns them all, and a
 * search that runs out of registrars has asked those; so it must find every advertiser.
 */
class PlacementAndSearchTest {
  private static final Topic TOPIC = Topic.of("eth/68");
  private static final int NODES = 200;
  private static final int ADVERTISERS = Searcher.F_RETURN;
  private static final Duration TICKET_WAIT = Duration.ofSeconds(1);
  private static final Bytes TICKET = Bytes.fromHexString("0x01");

  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final InstantSource clock = () -> now;
  private final Random random = new Random(11);
  private final List<NodeRecord> nodes = new ArrayList<>();
  private final Map<NodeId, Set<NodeRecord>> cached = new HashMap<>();

  /** The requests of one node, answered at once by the registrars of the map. */
  private final class Network implements TopicRequests {
    private final NodeRecord self;

    Network(NodeRecord self) {
      this.self = self;
    }

    @Override
    public CompletableFuture<Registration> regTopic(
        NodeRecord registrar, Bytes32 topic, Bytes ticket, List<Integer> distances) {
      if (ticket.isEmpty()) {
        return CompletableFuture.completedFuture(new Registration(TICKET, TICKET_WAIT, List.of()));
      }
      cached.computeIfAbsent(registrar.nodeId(), id -> new LinkedHashSet<>()).add(self);
      return CompletableFuture.completedFuture(
          new Registration(Bytes.EMPTY, Advertiser.AD_LIFETIME, List.of()));
    }

    @Override
    public CompletableFuture<QueryResult> topicQuery(
        NodeRecord registrar, Bytes32 topic, List<Integer> distances) {
      List<NodeRecord> ads = new ArrayList<>(cached.getOrDefault(registrar.nodeId(), Set.of()));
      Collections.shuffle(ads, random);
      List<NodeRecord> sample = ads.subList(0, Math.min(Searcher.F_RETURN, ads.size()));
      return CompletableFuture.completedFuture(new QueryResult(sample, List.of()));
    }

    @Override
    public CompletableFuture<?> ping(NodeRecord node) {
      return CompletableFuture.completedFuture(null);
    }
  }

  private TopicTable tableOf(NodeRecord self) {
    TopicTable table = new TopicTable(TOPIC, self.nodeId(), clock);
    List<NodeRecord> known = new ArrayList<>(nodes);
    Collections.shuffle(known, random);
    known.forEach(table::add);
    return table;
  }

  @Test
  void aSearcherFindsEveryAdvertiserAndNothingElse() {
    for (int i = 0; i < NODES; i++) {
      // Fixed keys, so the ids, and with them the buckets, are the same on every run.
      Bytes secret = Keccak256.hash(Bytes.wrap(("node " + i).getBytes(StandardCharsets.UTF_8)));
      nodes.add(Nodes.record(PrivateKey.fromBytes(secret), 1));
    }
    List<NodeRecord> advertisers = nodes.subList(0, ADVERTISERS);
    List<Advertiser> agents = new ArrayList<>();
    for (NodeRecord a : advertisers) {
      agents.add(
          new Advertiser(tableOf(a), new Network(a), AdvertiserConfig.DEFAULT, clock, random));
    }
    agents.forEach(Advertiser::tick);
    now = now.plus(TICKET_WAIT);
    agents.forEach(Advertiser::tick);

    NodeRecord seeker = nodes.getLast();
    Searcher searcher =
        new Searcher(tableOf(seeker), new Network(seeker), NodeFilter.hasTcpEndpoint(), random);
    List<NodeRecord> found = searcher.search(Searcher.F_LOOKUP, ad -> {}).join();

    assertThat(agents).allSatisfy(a -> assertThat(a.pendingRegistrations()).isZero());
    assertThat(found).containsExactlyInAnyOrderElementsOf(advertisers);
  }
}
