package org.jdevp2p.discv5.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.MutableBytes;
import org.jdevp2p.discv5.topic.Registrar.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A ticket carries a registrant's wait from one attempt to the next (topics.md §4 "Tickets"):
 * accepted only from this registrar, for this ad, inside its window; anything else starts the
 * attempt over (§11.7).
 *
 * <p>The scene: a registrar of capacity 2 holding one ad (10.0.0.1, topic "a"); the registrant
 * (200.0.0.1, topic "b") shares neither topic nor first address bit with it, so its wait is the
 * base term alone: E · (1 − 1/2)^−10 · G = 900 000 ms · 1024 · 1e−7 ≈ 92.2 ms, a ticket of 93 ms.
 */
class TicketTest {
  private static final Bytes32 TOPIC = Fixtures.topic("b");
  private static final Duration WINDOW = Registrar.DEFAULT_TICKET_WINDOW;

  private final VirtualClock clock = new VirtualClock();
  private final Registrar registrar = Fixtures.registrar(clock, 2);
  private final Registrant registrant = Registrant.at("200.0.0.1");
  private Outcome.Wait first;

  @BeforeEach
  void oneAdAndAFirstAttempt() {
    Registrant.at("10.0.0.1").register(registrar, Fixtures.topic("a"));
    first = (Outcome.Wait) registrant.register(registrar, TOPIC);
  }

  private Outcome comeBackAfter(Duration d, Bytes ticket) {
    clock.advance(d);
    return registrant.register(registrar, TOPIC, ticket);
  }

  @Test
  void theFirstAttemptGetsATicketOfOurFormat() {
    assertThat(first.ticket().size()).isEqualTo(Tickets.SIZE);
    assertThat(first.waitTime()).isEqualTo(Duration.ofMillis(93));
  }

  @Test
  void aTicketBackWhenItsWaitIsOverAdmits() {
    assertThat(comeBackAfter(first.waitTime(), first.ticket()))
        .isInstanceOf(Outcome.Admitted.class);
  }

  @Test
  void aTicketBackAtTheEndOfItsWindowAdmits() {
    Outcome o = comeBackAfter(first.waitTime().plus(WINDOW), first.ticket());

    assertThat(o).isInstanceOf(Outcome.Admitted.class);
  }

  @Test
  void aTicketBackEarlyStartsOver() {
    Outcome o = comeBackAfter(first.waitTime().minusMillis(1), first.ticket());

    assertThat(o).isInstanceOf(Outcome.Wait.class);
  }

  @Test
  void aTicketBackAfterItsWindowStartsOver() {
    Outcome o = comeBackAfter(first.waitTime().plus(WINDOW).plusMillis(1), first.ticket());

    assertThat(o).isInstanceOf(Outcome.Wait.class);
  }

  @Test
  void noTicketAfterTheWaitStartsOver() {
    assertThat(comeBackAfter(first.waitTime(), Bytes.EMPTY)).isInstanceOf(Outcome.Wait.class);
  }

  @Test
  void aTicketWithAnyByteChangedStartsOver() {
    clock.advance(first.waitTime());
    for (int i = 0; i < first.ticket().size(); i++) {
      MutableBytes tampered = first.ticket().mutableCopy();
      tampered.set(i, (byte) (tampered.get(i) ^ 0x01));

      assertThat(registrant.register(registrar, TOPIC, tampered))
          .as("byte %d changed", i)
          .isInstanceOf(Outcome.Wait.class);
    }
  }

  @Test
  void aTicketCutShortStartsOver() {
    Outcome o = comeBackAfter(first.waitTime(), first.ticket().slice(0, Tickets.SIZE - 1));

    assertThat(o).isInstanceOf(Outcome.Wait.class);
  }

  @Test
  void aTicketForAnotherTopicStartsOver() {
    clock.advance(first.waitTime());

    Outcome o = registrant.register(registrar, Fixtures.topic("c"), first.ticket());

    assertThat(o).isInstanceOf(Outcome.Wait.class);
  }

  @Test
  void aTicketForAnotherRecordOfTheSameNodeStartsOver() {
    clock.advance(first.waitTime());
    assertThat(registrant.withNextRecord().register(registrar, TOPIC, first.ticket()))
        .isInstanceOf(Outcome.Wait.class);
  }

  @Test
  void anotherRegistrarsTicketStartsOver() {
    VirtualClock otherClock = new VirtualClock();
    Registrar other = Fixtures.registrar(otherClock, 2);
    Registrant.at("10.0.0.1").register(other, Fixtures.topic("a"));
    Outcome.Wait foreign = (Outcome.Wait) registrant.register(other, TOPIC);

    assertThat(comeBackAfter(foreign.waitTime(), foreign.ticket()))
        .isInstanceOf(Outcome.Wait.class);
  }

  @Test
  void aTicketIssuedJustBeforeAKeyRotationIsStillAccepted() {
    VirtualClock rotating = new VirtualClock();
    Registrar fresh = Fixtures.registrar(rotating, 2);
    rotating.advance(Tickets.KEY_ROTATION.minusMillis(50));
    Registrant.at("10.0.0.1").register(fresh, Fixtures.topic("a"));
    Outcome.Wait beforeRotation = (Outcome.Wait) registrant.register(fresh, TOPIC);
    rotating.advance(beforeRotation.waitTime()); // now past the rotation

    assertThat(registrant.register(fresh, TOPIC, beforeRotation.ticket()))
        .isInstanceOf(Outcome.Admitted.class);
  }
}
