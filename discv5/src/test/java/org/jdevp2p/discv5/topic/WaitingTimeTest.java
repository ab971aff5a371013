package org.jdevp2p.discv5.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.discv5.topic.Registrar.Outcome;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.Test;

/**
 * Admission by waiting time (topics.md §4): w = E · (1 − c/C)^−10 · (c_s/c + score(ip) + G), each
 * term held up by its lower bound, a full cache admitting nobody. IPv6 probes are used where only
 * the occupancy or the topic should count: with every cached ad on IPv4, their IPv6 tree is empty
 * and scores 0.
 */
class WaitingTimeTest {
  private static final Duration E = Registrar.DEFAULT_AD_LIFETIME;

  private final VirtualClock clock = new VirtualClock();

  private static Duration waitOf(Outcome o) {
    assertThat(o).isInstanceOf(Outcome.Wait.class);
    return ((Outcome.Wait) o).waitTime();
  }

  @Test
  void theWaitGrowsWithOccupancy() {
    Registrar registrar = Fixtures.registrar(clock, 4);
    Registrant.at("10.0.0.1").register(registrar, Fixtures.topic("a"));
    Registrant probe = Registrant.at("2001:db8::1");
    // c = 1 of 4: E · (3/4)^−10 · G ≈ 1.6 ms
    Duration quarterFull = waitOf(probe.register(registrar, Fixtures.topic("p")));
    Retries second = new Retries(registrar, clock);
    second.start(Registrant.at("200.0.0.1"), Fixtures.topic("b"));
    assertThat(second.runUntilAllAdmitted(Duration.ofSeconds(1))).isTrue();

    // c = 2 of 4: E · (1/2)^−10 · G ≈ 92 ms
    Duration halfFull = waitOf(probe.register(registrar, Fixtures.topic("p")));

    assertThat(halfFull).isGreaterThan(quarterFull);
  }

  @Test
  void theWaitGrowsWithTheTopicsShareOfTheCache() {
    Registrar registrar = Fixtures.registrar(clock);
    Retries fill = new Retries(registrar, clock);
    // u at 10.x and t at 200.x are admitted at once; the second u (100.x, a fresh prefix) waits
    // about E/2 for its topic's share, well inside the first ads' lifetime
    fill.start(Registrant.at("10.0.0.1"), Fixtures.topic("u"));
    fill.start(Registrant.at("200.0.0.1"), Fixtures.topic("t"));
    fill.start(Registrant.at("100.0.0.1"), Fixtures.topic("u"));
    assertThat(fill.runUntilAllAdmitted(E.dividedBy(2).plusMinutes(1))).isTrue();
    assertThat(registrar.adCount()).isEqualTo(3);

    // c_s/c: u 2/3, t 1/3
    Duration popular =
        waitOf(Registrant.at("2001:db8::1").register(registrar, Fixtures.topic("u")));
    Duration rare = waitOf(Registrant.at("2001:db8:1::1").register(registrar, Fixtures.topic("t")));

    assertThat(popular).isGreaterThan(rare);
  }

  @Test
  void aNeighbourOfCachedAdsWaitsLongerThanAFreshPrefix() {
    Registrar registrar = Fixtures.registrar(clock);
    // first octets 00001010, 11001000, 10010110, 01000110: each lands in an empty quarter, so all
    // four are admitted at once
    Registrant.at("10.1.2.1").register(registrar, Fixtures.topic("a"));
    Registrant.at("200.0.0.1").register(registrar, Fixtures.topic("b"));
    Registrant.at("150.0.0.1").register(registrar, Fixtures.topic("c"));
    Registrant.at("70.0.0.1").register(registrar, Fixtures.topic("d"));
    assertThat(registrar.adCount()).isEqualTo(4);

    // both for topic a (c_s/c = 1/4). 99.0.0.1 (01100011) leaves 70.x's path at depth 3: score 0.
    // 10.1.2.200 follows 10.1.2.1 for 24 bits, a point at depths 3..24: score 22/32.
    Duration fresh = waitOf(Registrant.at("99.0.0.1").register(registrar, Fixtures.topic("a")));
    Duration neighbour =
        waitOf(Registrant.at("10.1.2.200").register(registrar, Fixtures.topic("a")));

    assertThat(neighbour).isGreaterThan(fresh);
  }

  @Test
  void askingAgainAfterTheCacheEmptiedGivesNoShorterWaitThanTimeExplains() {
    Registrar registrar = Fixtures.registrar(clock, 2);
    Registrant.at("10.0.0.1").register(registrar, Fixtures.topic("x"));
    clock.advance(E.minusMillis(1));
    Registrant probe = Registrant.at("200.0.0.1");
    // c = 1 of 2: E · 2^10 · G ≈ 92 ms, the base term alone
    Duration before = waitOf(probe.register(registrar, Fixtures.topic("p")));
    clock.advance(Duration.ofMillis(1)); // the ad expires: the fresh base term falls to E · G

    Duration after = waitOf(probe.register(registrar, Fixtures.topic("p")));

    // the bound decays one ms per ms: no ticket grinding for the emptier cache
    assertThat(after.plusMillis(1)).isGreaterThanOrEqualTo(before);
  }

  @Test
  void aFullCacheAdmitsNobodyEvenWhoseWaitIsUp() {
    Registrar registrar = Fixtures.registrar(clock, 2);
    Registrant.at("10.0.0.1").register(registrar, Fixtures.topic("a"));
    Registrant first = Registrant.at("200.0.0.1");
    Registrant second = Registrant.at("2001:db8::1");
    Outcome.Wait w1 = (Outcome.Wait) first.register(registrar, Fixtures.topic("b"));
    Outcome.Wait w2 = (Outcome.Wait) second.register(registrar, Fixtures.topic("c"));
    clock.advance(w1.waitTime().compareTo(w2.waitTime()) > 0 ? w1.waitTime() : w2.waitTime());
    assertThat(first.register(registrar, Fixtures.topic("b"), w1.ticket()))
        .isInstanceOf(Outcome.Admitted.class);

    Outcome o = second.register(registrar, Fixtures.topic("c"), w2.ticket());

    assertThat(o).isInstanceOf(Outcome.Wait.class);
    assertThat(((Outcome.Wait) o).waitTime()).isEqualTo(E);
    assertThat(registrar.adCount()).isEqualTo(2);
  }

  @Test
  void manyRegistrantsFillTheCacheToItsCapacityAndNoFurther() {
    int capacity = 3;
    Registrar registrar = Fixtures.registrar(clock, capacity);
    int[] most = {0};
    Retries retries =
        new Retries(registrar, clock)
            .afterEach(() -> most[0] = Math.max(most[0], registrar.adCount()));
    for (int k = 0; k < 32; k++) {
      retries.start(Registrant.at(spread(k)), Fixtures.topic("t" + k));
    }

    retries.runFor(E.minusSeconds(1));

    assertThat(most[0]).isEqualTo(capacity);
  }

  @Test
  void aRegistrantWaitingAcrossSeveralTicketsIsFinallyAdmitted() {
    Registrar registrar = Fixtures.registrar(clock);
    Retries retries = new Retries(registrar, clock);
    for (int k = 4; k < 24; k++) {
      retries.start(Registrant.at(spread(k)), Fixtures.topic("t" + k));
    }
    assertThat(retries.runUntilAllAdmitted(Duration.ofMinutes(5))).isTrue();
    List<Registrant> same = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      Registrant r = Registrant.at(spread(k));
      same.add(r);
      retries.start(r, Fixtures.topic("popular"));
    }

    assertThat(retries.runUntilAllAdmitted(E.dividedBy(2))).isTrue();

    // each admission for the topic raised the wait of the others still waiting: a ticket's wait
    // was not enough for the last of them, who came back with the next ticket
    assertThat(same).allMatch(retries::admitted);
    assertThat(same.stream().mapToInt(retries::tickets).max().orElseThrow()).isGreaterThan(1);
  }

  @Test
  void aQueryReturnsAtMostTenDistinctLiveAdsAndInTurnEveryOne() {
    Registrar registrar = Fixtures.registrar(clock);
    Bytes32 topic = Fixtures.topic("t");
    Retries retries = new Retries(registrar, clock);
    Set<NodeRecord> ours = new HashSet<>();
    for (int k = 0; k < 31; k++) {
      Registrant r = Registrant.at(spread(k));
      ours.add(r.record());
      retries.start(r, topic);
    }
    assertThat(retries.runUntilAllAdmitted(E.multipliedBy(2))).isTrue();
    int live = registrar.adCount(topic);
    assertThat(live).isGreaterThanOrEqualTo(30);

    Set<NodeRecord> seen = new HashSet<>();
    for (int q = 0; q < 200; q++) {
      List<NodeRecord> ads = registrar.query(topic);
      assertThat(ads).hasSize(Registrar.MAX_QUERY_RESULTS).doesNotHaveDuplicates();
      seen.addAll(ads);
    }

    // (2/3)^200 ≈ 1e−35: a uniform sample misses no ad over 200 queries
    assertThat(ours).containsAll(seen);
    assertThat(seen).hasSize(live);
  }

  /** Addresses for k = 0..31 in distinct /5 prefixes (first octet 8k + 1), hence distinct /16s. */
  static String spread(int k) {
    return (8 * k + 1) + "." + k + ".0.1";
  }
}
