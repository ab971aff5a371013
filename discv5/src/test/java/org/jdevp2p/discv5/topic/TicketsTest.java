package org.jdevp2p.discv5.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.discv5.topic.Tickets.Ticket;
import org.junit.jupiter.api.Test;

/** Our 69-byte ticket and its keys (topics.md §4 "Tickets"). */
class TicketsTest {
  private static final long START = 1_700_000_000_000L;
  private static final long HOUR = Tickets.KEY_ROTATION.toMillis();
  private static final Ticket TICKET =
      new Ticket(START - 5_000, START, 93, Bytes32.fromHexString("0x" + "ab".repeat(32)));

  private final Tickets tickets = new Tickets(new SecureRandom(), START);

  @Test
  void aTicketCarriesVersionTimesAndDigestInTheClearThenTheMac() {
    Bytes t = tickets.issue(TICKET, START);

    ByteBuffer b = ByteBuffer.wrap(t.toArray());
    assertThat(t.size()).isEqualTo(69);
    assertThat(b.get()).isEqualTo((byte) 0x01);
    assertThat(b.getLong()).isEqualTo(TICKET.tinit());
    assertThat(b.getLong()).isEqualTo(TICKET.tmod());
    assertThat(b.getInt()).isEqualTo(TICKET.twait());
    assertThat(t.slice(21, 32)).isEqualTo(TICKET.adDigest());
  }

  @Test
  void aTicketOpensToWhatWasIssued() {
    Bytes t = tickets.issue(TICKET, START);

    assertThat(tickets.open(t, START + 93)).contains(TICKET);
  }

  @Test
  void aTicketOfThePreviousKeyStillOpens() {
    Bytes t = tickets.issue(TICKET, START + HOUR - 1);

    assertThat(tickets.open(t, START + HOUR)).contains(TICKET);
  }

  @Test
  void aTicketTwoKeyRotationsOldDoesNotOpen() {
    Bytes t = tickets.issue(TICKET, START);
    tickets.open(t, START + HOUR); // first rotation

    assertThat(tickets.open(t, START + 2 * HOUR)).isEmpty();
  }

  @Test
  void aTicketDoesNotOpenAfterALongSilenceSpanningTwoRotations() {
    Bytes t = tickets.issue(TICKET, START);

    assertThat(tickets.open(t, START + 2 * HOUR)).isEmpty();
  }

  @Test
  void anotherRegistrarsTicketDoesNotOpen() {
    Bytes foreign = new Tickets(new SecureRandom(), START).issue(TICKET, START);

    assertThat(tickets.open(foreign, START)).isEmpty();
  }

  @Test
  void aTicketOfAnotherVersionDoesNotOpen() {
    Bytes t = tickets.issue(TICKET, START);

    assertThat(tickets.open(Bytes.concatenate(Bytes.of(2), t.slice(1)), START)).isEmpty();
  }

  @Test
  void theAdDigestIsSha256OfTheRlpListOfTopicAndRecord() throws Exception {
    Registrant r = Registrant.at("10.0.0.1");
    Bytes32 topic = Fixtures.topic("eth/68");
    // rlp([topic, ENR]): a list header, 0xa0 ‖ topic, then the record's own RLP list as is
    Bytes body = Bytes.concatenate(Bytes.of(0xa0), topic, r.record().encoded());
    Bytes header =
        body.size() < 56
            ? Bytes.of(0xc0 + body.size())
            : Bytes.concatenate(Bytes.of(0xf8), Bytes.of(body.size()));
    Bytes32 expected =
        Bytes32.wrap(
            MessageDigest.getInstance("SHA-256").digest(Bytes.concatenate(header, body).toArray()));

    assertThat(tickets.adDigest(topic, r.record())).isEqualTo(expected);
  }
}
