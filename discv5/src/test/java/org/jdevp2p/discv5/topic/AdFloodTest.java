package org.jdevp2p.discv5.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

/**
 * Ad flooding (topics.md §9, paper §5.2): one address with many node ids against honest registrants
 * from distinct prefixes, at a registrar with the spec's defaults. There is no per-IP quota; the IP
 * score alone has to keep the flooder to its share.
 */
class AdFloodTest {
  /** Node ids behind the flooder's one address. */
  static final int SYBILS = 500;

  /** Honest registrants, each from its own /16 (and /8). */
  static final int HONEST = 50;

  /** Topics the honest registrants advertise; the flooder attacks the first. */
  static final int TOPICS = 5;

  private final VirtualClock clock = new VirtualClock();
  private final Registrar registrar = Fixtures.registrar(clock);
  private final Retries retries =
      new Retries(registrar, clock)
          .afterEach(
              () ->
                  assertThat(registrar.adCount()).isLessThanOrEqualTo(Registrar.DEFAULT_CAPACITY));
  private final List<Registrant> honest = new ArrayList<>();
  private final List<Registrant> sybils = new ArrayList<>();

  private static Bytes32 topic(int k) {
    return Fixtures.topic("service-" + (k % TOPICS));
  }

  private void everyoneKeepsRetryingForOneAdLifetime() {
    for (int k = 0; k < SYBILS; k++) {
      Registrant s = Registrant.at("203.0.113.7");
      sybils.add(s);
      retries.start(s, topic(0));
    }
    for (int k = 0; k < HONEST; k++) {
      // first octets 4k + 2: 2, 6, ..., 198, each its own /8
      Registrant h = Registrant.at((4 * k + 2) + "." + k + ".0.1");
      honest.add(h);
      retries.start(h, topic(k));
    }

    retries.runFor(Registrar.DEFAULT_AD_LIFETIME);
  }

  @Test
  void everyHonestRegistrantIsAdmittedDespiteTheFlood() {
    everyoneKeepsRetryingForOneAdLifetime();

    assertThat(honest).allMatch(retries::admitted);
  }

  @Test
  void theFloodingAddressHoldsNoMoreThanTwiceAnAddresssEvenShare() {
    everyoneKeepsRetryingForOneAdLifetime();

    long sybilAds = sybils.stream().filter(retries::admitted).count();
    long honestAds = honest.stream().filter(retries::admitted).count();
    // ads admitted over the run, spread evenly over the 51 addresses
    double evenShare = (double) (sybilAds + honestAds) / (HONEST + 1);
    assertThat((double) sybilAds).isLessThanOrEqualTo(2 * evenShare);
  }
}
