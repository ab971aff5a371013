package org.jdevp2p.discv5.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.discv5.topic.Registrar.Outcome;
import org.junit.jupiter.api.Test;

/** The ad cache: who gets in, for how long, and what a query sees (topics.md §4). */
class RegistrarTest {
  private static final Bytes32 TOPIC = Fixtures.topic("eth/68");
  private static final Duration E = Registrar.DEFAULT_AD_LIFETIME;

  /** ::ffff:10.0.0.1, as a dual-stack socket reports an IPv4 peer. */
  private static final byte[] MAPPED_10_0_0_1 = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1
  };

  private final VirtualClock clock = new VirtualClock();
  private final Registrar registrar = Fixtures.registrar(clock);

  @Test
  void anEmptyCacheAdmitsAtOnceForTheFullLifetime() {
    Outcome o = Registrant.at("10.0.0.1").register(registrar, TOPIC);

    assertThat(o).isEqualTo(new Outcome.Admitted(E));
    assertThat(registrar.adCount(TOPIC)).isEqualTo(1);
  }

  @Test
  void anIpv6RegistrantIsAdmittedToo() {
    Outcome o = Registrant.at("2001:db8::1").register(registrar, TOPIC);

    assertThat(o).isEqualTo(new Outcome.Admitted(E));
  }

  @Test
  void aDuplicateIsConfirmedWithWhatIsLeftOfItsLifetime() {
    Registrant r = Registrant.at("10.0.0.1");
    r.register(registrar, TOPIC);
    clock.advance(Duration.ofMinutes(5));

    assertThat(r.register(registrar, TOPIC)).isEqualTo(new Outcome.Admitted(E.minusMinutes(5)));
    assertThat(registrar.adCount()).isEqualTo(1);
  }

  @Test
  void anotherTopicOfTheSameNodeIsNotADuplicate() {
    Registrant r = Registrant.at("10.0.0.1");
    r.register(registrar, TOPIC);

    // its address is now the only one in the cache, so it waits like any newcomer from there
    assertThat(r.register(registrar, Fixtures.topic("other"))).isInstanceOf(Outcome.Wait.class);
  }

  @Test
  void aRecordOfAnotherNodeIsRefused() {
    Registrant r = Registrant.at("10.0.0.1");
    Registrant sender = Registrant.at("10.0.0.1");

    Outcome o = registrar.register(sender.id(), r.source(), TOPIC, r.record(), Bytes.EMPTY);

    assertThat(o).isInstanceOf(Outcome.Refused.class);
    assertThat(registrar.adCount()).isZero();
  }

  @Test
  void aRecordWhoseIpIsNotTheSourceIsRefused() {
    Registrant r = Registrant.at("10.0.0.1");
    InetSocketAddress elsewhere = new InetSocketAddress("10.0.0.2", Registrant.PORT);

    Outcome o = registrar.register(r.id(), elsewhere, TOPIC, r.record(), Bytes.EMPTY);

    assertThat(o).isInstanceOf(Outcome.Refused.class);
  }

  @Test
  void aRecordWhosePortIsNotTheSourcesIsRefused() {
    Registrant r = Registrant.at("10.0.0.1");
    InetSocketAddress otherPort = new InetSocketAddress("10.0.0.1", Registrant.PORT + 1);

    Outcome o = registrar.register(r.id(), otherPort, TOPIC, r.record(), Bytes.EMPTY);

    assertThat(o).isInstanceOf(Outcome.Refused.class);
  }

  @Test
  void aRecordWithoutAnEndpointOfTheSourcesFamilyIsRefused() {
    Registrant r = Registrant.at("10.0.0.1");
    InetSocketAddress v6 = new InetSocketAddress("2001:db8::1", Registrant.PORT);

    Outcome o = registrar.register(r.id(), v6, TOPIC, r.record(), Bytes.EMPTY);

    assertThat(o).isInstanceOf(Outcome.Refused.class);
  }

  @Test
  void anIpv4MappedSourceMatchesTheRecordsIpv4Endpoint() throws Exception {
    Registrant r = Registrant.at("10.0.0.1");
    InetSocketAddress dualStack =
        new InetSocketAddress(
            Inet6Address.getByAddress(null, MAPPED_10_0_0_1, -1), Registrant.PORT);

    Outcome o = registrar.register(r.id(), dualStack, TOPIC, r.record(), Bytes.EMPTY);

    assertThat(o).isEqualTo(new Outcome.Admitted(E));
  }

  @Test
  void anIpv4MappedSourceIsScoredAsItsIpv4Address() throws Exception {
    Registrant.at("10.0.0.1").register(registrar, TOPIC);
    Registrant sameHost = Registrant.at("10.0.0.1");
    InetSocketAddress dualStack =
        new InetSocketAddress(
            Inet6Address.getByAddress(null, MAPPED_10_0_0_1, -1), Registrant.PORT);

    // in the IPv4 tree it meets the cached ad's address (score 1); the IPv6 tree would be empty
    Outcome o =
        registrar.register(
            sameHost.id(), dualStack, Fixtures.topic("other"), sameHost.record(), Bytes.EMPTY);

    assertThat(o).isInstanceOf(Outcome.Wait.class);
  }

  @Test
  void anotherInterfaceOfTheSameIpv6SlashSixtyFourCountsAsTheSameAddress() {
    Registrant.at("2001:db8:1:2::1").register(registrar, TOPIC);

    Outcome o = Registrant.at("2001:db8:1:2:ffff::9").register(registrar, Fixtures.topic("other"));

    assertThat(o).isInstanceOf(Outcome.Wait.class);
  }

  @Test
  void anotherIpv6SlashSixtyFourIsAdmittedAtOnce() {
    Registrant.at("2001:db8:1:2::1").register(registrar, TOPIC);

    // 2001:db8:… starts with bit 0; 8000::/1 is an empty half of the tree: score 0
    Outcome o = Registrant.at("8000::1").register(registrar, Fixtures.topic("other"));

    assertThat(o).isEqualTo(new Outcome.Admitted(E));
  }

  @Test
  void anExpiredAdNoLongerWeighsOnItsAddress() {
    Registrant.at("10.0.0.1").register(registrar, TOPIC);
    clock.advance(E);

    Outcome o = Registrant.at("10.0.0.1").register(registrar, Fixtures.topic("other"));

    assertThat(o).isEqualTo(new Outcome.Admitted(E));
  }

  @Test
  void anAdIsReturnedUntilItsLifetimeEnds() {
    Registrant r = Registrant.at("10.0.0.1");
    r.register(registrar, TOPIC);
    clock.advance(E.minusMillis(1));

    assertThat(registrar.query(TOPIC)).containsExactly(r.record());
  }

  @Test
  void anExpiredAdIsNeverReturnedNorCounted() {
    Registrant r = Registrant.at("10.0.0.1");
    r.register(registrar, TOPIC);
    clock.advance(E);

    assertThat(registrar.query(TOPIC)).isEmpty();
    assertThat(registrar.adCount()).isZero();
    assertThat(registrar.adCount(TOPIC)).isZero();
  }

  @Test
  void anExpiredAdCanBePlacedAgain() {
    Registrant r = Registrant.at("10.0.0.1");
    r.register(registrar, TOPIC);
    clock.advance(E);

    assertThat(r.register(registrar, TOPIC)).isEqualTo(new Outcome.Admitted(E));
  }

  @Test
  void aPlacedAdIsServedAndCountedLikeAnAdmittedOne() {
    Registrant r = Registrant.at("10.0.0.1");

    registrar.place(TOPIC, r.record());

    assertThat(registrar.query(TOPIC)).containsExactly(r.record());
    assertThat(r.register(registrar, TOPIC)).isEqualTo(new Outcome.Admitted(E));
  }

  @Test
  void aQueryForATopicWithoutAdsIsEmpty() {
    Registrant.at("10.0.0.1").register(registrar, TOPIC);

    assertThat(registrar.query(Fixtures.topic("other"))).isEmpty();
  }
}
