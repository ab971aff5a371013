package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.discv5.wire.Message.RegConfirmation;
import org.jdevp2p.discv5.wire.Message.RegTopic;
import org.jdevp2p.discv5.wire.RequestId;
import org.junit.jupiter.api.Test;

/**
 * The ledger's accounting of a registrar's whole load, fed the REGTOPICs and admitting
 * REGCONFIRMATIONs the wire would show it; virtual time moves only by running the (idle) network.
 */
class AdLedgerTest {
  private static final Bytes32 TOPIC_A = Bytes32.repeat((byte) 0xaa);
  private static final Bytes32 TOPIC_B = Bytes32.repeat((byte) 0x0b);

  private final SimNetwork net = new SimNetwork(SimNetwork.Options.defaults(5));
  private final SimNode registrar = net.addNode(b -> b);
  private final SimNode advertiser = net.addNode(b -> b);

  private static RegTopic regTopic(SimNode from, Bytes32 topic) {
    return new RegTopic(new RequestId(Bytes.of(1)), topic, from.record(), Bytes.EMPTY, List.of());
  }

  /** The registrar admits the advertiser's ad for {@code topic}, to live {@code lifetime}. */
  private void admit(AdLedger ledger, Bytes32 topic, Duration lifetime) {
    ledger.answered(
        advertiser,
        registrar,
        regTopic(advertiser, topic),
        new RegConfirmation(new RequestId(Bytes.of(1)), 1, Bytes.EMPTY, lifetime.toMillis()));
  }

  @Test
  void adsHeldAreAveragedOverTime() {
    AdLedger ledger = new AdLedger(net.clock());
    admit(ledger, TOPIC_A, Duration.ofMinutes(10));

    net.run(Duration.ofMinutes(20));

    // one ad for the first 10 of 20 minutes
    assertThat(ledger.meanHeld(registrar.id())).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void adsHeldBeforeTheAveragingStartsDoNotCount() {
    AdLedger ledger = new AdLedger(net.clock(), Duration.ofMinutes(10));
    admit(ledger, TOPIC_A, Duration.ofMinutes(15));

    net.run(Duration.ofMinutes(20));

    // held from minute 0 to 15: 5 of the 10 averaged minutes
    assertThat(ledger.meanHeld(registrar.id())).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void adsOfEveryTopicAddUpInTheMeanHeld() {
    AdLedger ledger = new AdLedger(net.clock());
    admit(ledger, TOPIC_A, Duration.ofMinutes(20));
    admit(ledger, TOPIC_B, Duration.ofMinutes(20));

    net.run(Duration.ofMinutes(10));

    assertThat(ledger.meanHeld(registrar.id())).isCloseTo(2, within(1e-9));
  }

  @Test
  void admissionsOfEveryTopicCountAtTheRegistrar() {
    AdLedger ledger = new AdLedger(net.clock());
    admit(ledger, TOPIC_A, Duration.ofMinutes(15));
    admit(ledger, TOPIC_B, Duration.ofMinutes(15));

    assertThat(ledger.admissions(registrar.id())).isEqualTo(2);
    assertThat(ledger.admissions(registrar.id(), TOPIC_A)).isEqualTo(1);
  }

  @Test
  void regTopicsOfEveryTopicCountAtTheRegistrar() {
    AdLedger ledger = new AdLedger(net.clock());
    ledger.received(registrar, regTopic(advertiser, TOPIC_A));
    ledger.received(registrar, regTopic(advertiser, TOPIC_B));

    assertThat(ledger.regTopics(registrar.id())).isEqualTo(2);
    assertThat(ledger.regTopics(registrar.id(), TOPIC_B)).isEqualTo(1);
  }

  @Test
  void anAdvertiserRetryingWithTicketsIsOneRequester() {
    AdLedger ledger = new AdLedger(net.clock());
    ledger.received(registrar, regTopic(advertiser, TOPIC_A));
    ledger.received(registrar, regTopic(advertiser, TOPIC_A));

    assertThat(ledger.requesters(registrar.id(), TOPIC_A)).isEqualTo(1);
  }

  @Test
  void anExpiredAdIsNoLongerHeld() {
    AdLedger ledger = new AdLedger(net.clock());
    admit(ledger, TOPIC_A, Duration.ofMinutes(10));
    admit(ledger, TOPIC_B, Duration.ofMinutes(20));

    net.run(Duration.ofMinutes(15));

    assertThat(ledger.held(registrar.id())).isEqualTo(1);
  }
}
