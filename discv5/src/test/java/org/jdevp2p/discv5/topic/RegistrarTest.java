package org.jdevp2p.discv5.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.SplittableRandom;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.discv5.topic.Registrar.Outcome;
import org.junit.jupiter.api.Test;

class RegistrarTest {
  private static final Bytes32 TOPIC = Topic.of("eth/68").id();

  private final VirtualClock clock = new VirtualClock();
  private final Registrar registrar =
      new Registrar(
          Registrar.DEFAULT_CAPACITY,
          Registrar.DEFAULT_AD_LIFETIME,
          Registrar.DEFAULT_TICKET_WINDOW,
          clock,
          new SplittableRandom(1),
          new SecureRandom());

  @Test
  void anEmptyCacheAdmitsAtOnceForTheFullLifetime() {
    Outcome o = Registrant.at("10.0.0.1").register(registrar, TOPIC);

    assertThat(o).isEqualTo(new Outcome.Admitted(Registrar.DEFAULT_AD_LIFETIME));
    assertThat(registrar.adCount(TOPIC)).isEqualTo(1);
  }

  @Test
  void aDuplicateIsConfirmedWithWhatIsLeftOfItsLifetime() {
    Registrant r = Registrant.at("10.0.0.1");
    r.register(registrar, TOPIC);
    clock.advance(Duration.ofMinutes(5));

    assertThat(r.register(registrar, TOPIC))
        .isEqualTo(new Outcome.Admitted(Duration.ofMinutes(10)));
    assertThat(registrar.adCount()).isEqualTo(1);
  }

  @Test
  void aRecordOfAnotherNodeIsRefused() {
    Registrant r = Registrant.at("10.0.0.1");
    Registrant other = Registrant.at("10.0.0.1");

    Outcome o = registrar.register(other.id(), r.source(), TOPIC, r.record(), Bytes.EMPTY);

    assertThat(o).isInstanceOf(Outcome.Refused.class);
    assertThat(registrar.adCount()).isZero();
  }
}
