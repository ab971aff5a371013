package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The small simulation CI runs (issue 6, "Proof by simulation"): 250 nodes of the production
 * protocol, 10 topics of Zipf popularity, every node advertising its topic and searching it once,
 * plus one flooding registrant, for 4 minutes of virtual time. Each test checks one thing that must
 * always hold, on that one run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicSimulationTest {
  private static final int NODES = 250;
  private static final int TOPICS = 10;
  private static final Duration RUN = Duration.ofMinutes(4);

  /**
   * Every registrar's cache size C: small, so that the busiest registrars of this short run come
   * near it (with C = 1000 none holds more than a few ads). Near a full cache the occupancy term (1
   * − c/C)^−10 makes waits far longer than the run, and c = C admits nobody at all.
   */
  private static final int CAPACITY = 3;

  /**
   * Identities of the flooding registrant, all behind one IP, all advertising the most popular
   * topic: the IP-similarity term of the waiting time must keep them to one address's share.
   */
  private static final int FLOODER_IDS = 20;

  private static final Inet4Address FLOODER_IP = SimNetwork.ipv4(150, 0, 0, 1);

  private TopicSimulation sim;
  private final List<SimNode> flooder = new ArrayList<>();

  @BeforeAll
  void runTheSimulation() {
    sim =
        new TopicSimulation(
            new TopicSimulation.Params(NODES, TOPICS, RUN, 42, 0, CAPACITY),
            net -> {
              for (int i = 0; i < FLOODER_IDS; i++) {
                InetSocketAddress at = new InetSocketAddress(FLOODER_IP, SimNetwork.PORT + i);
                flooder.add(net.addNode(net.newKey(), at, b -> b));
              }
            });
    sim.startRegistrations();
    flooder.forEach(f -> f.registerTopic(TopicSimulation.topic(1)));
    sim.startSearches();
    sim.network().run(RUN);
  }

  @Test
  void everyNodeFinishesItsSearch() {
    assertThat(sim.searches()).hasSize(NODES);
  }

  @Test
  void searchesFindAdvertisers() {
    assertThat(sim.searches().stream().mapToInt(s -> s.found().size()).sum()).isPositive();
  }

  @Test
  void searchesReturnOnlyVerifiedAdvertisersOfTheirTopic() {
    for (TopicSimulation.Search s : sim.searches()) {
      for (NodeRecord r : s.found()) {
        SimNode advertiser = nodeOf(r);
        assertThat(r).isEqualTo(advertiser.record()); // the record its owner signed
        assertThat(sim.ledger().wasAdmitted(r.nodeId(), TopicSimulation.topic(s.topic()).id()))
            .as("%s admitted for t%d", r.nodeId(), s.topic())
            .isTrue();
        boolean flooding = flooder.contains(advertiser);
        assertThat(flooding ? 1 : sim.topicOf(sim.network().nodes().indexOf(advertiser)))
            .isEqualTo(s.topic());
      }
    }
  }

  @Test
  void noRegistrarHoldsMoreThanItsCapacity() {
    assertThat(sim.ledger().admissions()).isPositive();
    System.out.println("most ads live at one registrar: " + sim.ledger().maxLiveAtOneRegistrar());
    assertThat(sim.ledger().maxLiveAtOneRegistrar()).isLessThanOrEqualTo(CAPACITY);
  }

  @Test
  void noAdvertiserHoldsTwoAdsForOneTopicAtOneRegistrar() {
    assertThat(sim.ledger().violations()).isEmpty();
  }

  /**
   * An honest node holds at most one ad per topic at a registrar. Twenty identities behind one IP
   * get no more: once one of them holds an ad, the IP term of the waiting time (topics.md §4) makes
   * the next wait a large part of E, far longer than this run.
   */
  @Test
  void aFloodingRegistrantGetsNoMoreThanOneAddressShare() {
    assertThat(sim.ledger().maxLiveFromOneIp(FLOODER_IP)).isEqualTo(1);
  }

  private SimNode nodeOf(NodeRecord r) {
    return sim.network().nodes().stream()
        .filter(n -> n.id().equals(r.nodeId()))
        .findFirst()
        .orElseThrow();
  }
}
