package org.jdevp2p.discv5.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeoutException;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;
import org.junit.jupiter.api.Test;

class AdvertiserTest {
  private static final Topic TOPIC = Topic.of("eth/68");
  private static final Bytes TICKET_A = Bytes.fromHexString("0x0a");
  private static final Bytes TICKET_B = Bytes.fromHexString("0x0b");

  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final InstantSource clock = () -> now;
  private final TopicTable table =
      new TopicTable(TOPIC, NodeId.of(Nodes.keyAt(TOPIC, 256).publicKey()), clock);
  private final FakeRequests requests = new FakeRequests();
  private final Advertiser advertiser = advertiser(AdvertiserConfig.DEFAULT);

  /** K_register as the spec has it. */
  private static final int K_REGISTER = AdvertiserConfig.DEFAULT_REGISTRATIONS_PER_BUCKET;

  private Advertiser advertiser(AdvertiserConfig config) {
    return new Advertiser(table, requests, config, clock, new Random(7));
  }

  private void advance(Duration d) {
    now = now.plus(d);
  }

  private List<NodeRecord> fill(int distance, int count) {
    List<NodeRecord> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      NodeRecord n = Nodes.at(TOPIC, distance);
      table.add(n);
      nodes.add(n);
    }
    return nodes;
  }

  private static void ticket(FakeRequests.RegCall call, Bytes ticket, Duration wait) {
    call.answer().complete(new Registration(ticket, wait, List.of()));
  }

  private static void admit(FakeRequests.RegCall call, Duration lifetime) {
    call.answer().complete(new Registration(Bytes.EMPTY, lifetime, List.of()));
  }

  private FakeRequests.RegCall lastCall() {
    return requests.regs.getLast();
  }

  @Test
  void placementStartsAtTheFarthestBucket() {
    fill(254, 2);
    fill(255, 2);
    fill(256, 2);
    advertiser.tick();
    assertThat(requests.regTargets().stream().map(table::distance))
        .containsExactly(256, 256, 255, 255, 254, 254);
  }

  @Test
  void keepsAtMostFiveRegistrationsPerBucket() {
    fill(256, 8);
    advertiser.tick();
    advance(Advertiser.PLACEMENT_INTERVAL);
    advertiser.tick();
    assertThat(requests.regTargets()).hasSize(K_REGISTER).doesNotHaveDuplicates();
    assertThat(advertiser.pendingRegistrations()).isEqualTo(K_REGISTER);
  }

  @Test
  void keepsTheConfiguredRegistrationsPerBucket() {
    fill(256, 8);
    Advertiser three = advertiser(new AdvertiserConfig(3));
    three.tick();
    assertThat(requests.regTargets()).hasSize(3).doesNotHaveDuplicates();
  }

  @Test
  void aFirstAttemptCarriesNoTicket() {
    fill(256, 3);
    advertiser.tick();
    assertThat(requests.regs).allSatisfy(c -> assertThat(c.ticket()).isEqualTo(Bytes.EMPTY));
  }

  @Test
  void asksForBucketsWithSpaceNoFartherThanTheRegistrar() {
    fill(256, 1);
    NodeRecord near = fill(250, 1).getFirst();
    advertiser.tick();
    FakeRequests.RegCall call =
        requests.regs.stream().filter(c -> c.registrar().equals(near)).findFirst().orElseThrow();
    assertThat(call.distances())
        .hasSize(TopicRequests.MAX_DISTANCES)
        .startsWith(250, 249)
        .isSortedAccordingTo((a, b) -> b - a);
  }

  @Test
  void aTicketIsRetriedAfterExactlyItsWaitWithTheLatestTicket() {
    NodeRecord registrar = fill(256, 1).getFirst();
    advertiser.tick();
    ticket(lastCall(), TICKET_A, Duration.ofSeconds(3));
    advance(Duration.ofMillis(2999));
    advertiser.tick();
    assertThat(requests.regs).hasSize(1);
    advance(Duration.ofMillis(1));
    advertiser.tick();
    assertThat(requests.regs).hasSize(2);
    assertThat(lastCall().registrar()).isEqualTo(registrar);
    assertThat(lastCall().ticket()).isEqualTo(TICKET_A);
    ticket(lastCall(), TICKET_B, Duration.ofMillis(500));
    advance(Duration.ofMillis(500));
    advertiser.tick();
    assertThat(lastCall().ticket()).isEqualTo(TICKET_B);
  }

  @Test
  void tenTicketsWithoutAdmissionMoveTheAttemptToAnotherRegistrar() {
    List<NodeRecord> bucket = fill(256, K_REGISTER + 1);
    advertiser.tick();
    NodeId stubborn = requests.regs.getFirst().registrar().nodeId();
    NodeRecord spare =
        bucket.stream().filter(n -> !requests.regTargets().contains(n.nodeId())).findFirst().get();
    ticket(requests.regs.getFirst(), TICKET_A, Duration.ofSeconds(1));
    for (int i = 1; i < Advertiser.MAX_TICKETS; i++) {
      advance(Duration.ofSeconds(1));
      advertiser.tick();
      assertThat(lastCall().registrar().nodeId()).isEqualTo(stubborn);
      ticket(lastCall(), TICKET_A, Duration.ofSeconds(1));
    }
    advance(Duration.ofSeconds(1));
    advertiser.tick();
    assertThat(lastCall().registrar()).isEqualTo(spare);
    assertThat(lastCall().ticket()).isEqualTo(Bytes.EMPTY);
    assertThat(requests.regTargets().stream().filter(stubborn::equals))
        .hasSize(Advertiser.MAX_TICKETS);
  }

  @Test
  void anAdmittedAdIsActiveForTheReturnedLifetime() {
    NodeRecord registrar = fill(256, 1).getFirst();
    advertiser.tick();
    admit(lastCall(), Duration.ofMinutes(10));
    advance(Duration.ofMinutes(10).minusMillis(1));
    advertiser.tick();
    assertThat(advertiser.activeRegistrars()).containsExactly(registrar);
    assertThat(advertiser.activeRegistrations()).isEqualTo(1);
    assertThat(advertiser.pendingRegistrations()).isZero();
    assertThat(requests.regs).hasSize(1);
  }

  @Test
  void anExpiredAdReopensItsSlotAndPrefersAnotherRegistrar() {
    List<NodeRecord> bucket = fill(256, K_REGISTER + 1);
    advertiser.tick();
    FakeRequests.RegCall shortLived = requests.regs.getFirst();
    admit(shortLived, Duration.ofMinutes(5));
    requests.regs.stream().skip(1).forEach(c -> admit(c, Duration.ofMinutes(15)));
    NodeRecord spare =
        bucket.stream().filter(n -> !requests.regTargets().contains(n.nodeId())).findFirst().get();
    advance(Duration.ofMinutes(5));
    advertiser.tick();
    assertThat(lastCall().registrar()).isEqualTo(spare);
    assertThat(advertiser.activeRegistrations()).isEqualTo(K_REGISTER - 1);
    assertThat(advertiser.pendingRegistrations()).isEqualTo(1);
  }

  @Test
  void aSmallBucketsOnlyRegistrarServesAgainAfterExpiry() {
    NodeRecord only = fill(256, 1).getFirst();
    advertiser.tick();
    admit(lastCall(), Duration.ofMinutes(15));
    advance(Duration.ofMinutes(15));
    advertiser.tick();
    assertThat(requests.regs).hasSize(2);
    assertThat(lastCall().registrar()).isEqualTo(only);
  }

  @Test
  void aFailedAttemptMovesToAnotherRegistrar() {
    List<NodeRecord> bucket = fill(256, K_REGISTER + 1);
    advertiser.tick();
    NodeRecord spare =
        bucket.stream().filter(n -> !requests.regTargets().contains(n.nodeId())).findFirst().get();
    requests.regs.getFirst().answer().completeExceptionally(new TimeoutException());
    advertiser.tick();
    assertThat(lastCall().registrar()).isEqualTo(spare);
    assertThat(advertiser.pendingRegistrations()).isEqualTo(K_REGISTER);
  }

  @Test
  void aRegistrarThatTimesOutThreeTimesIsExcluded() {
    NodeRecord dead = fill(256, 1).getFirst();
    requests.unreachable.add(dead.nodeId());
    for (int i = 0; i < 10; i++) {
      advertiser.tick();
      advance(Advertiser.PLACEMENT_INTERVAL);
    }
    assertThat(requests.regs).hasSize(TopicTable.FAILURES_BEFORE_EXCLUSION);
    assertThat(table.isExcluded(dead.nodeId())).isTrue();
  }

  @Test
  void aTicketWaitLongerThanTheAdLifetimeIsAFailure() {
    List<NodeRecord> bucket = fill(256, K_REGISTER + 1);
    advertiser.tick();
    NodeRecord spare =
        bucket.stream().filter(n -> !requests.regTargets().contains(n.nodeId())).findFirst().get();
    ticket(requests.regs.getFirst(), TICKET_A, Advertiser.AD_LIFETIME.plusMillis(1));
    advertiser.tick();
    assertThat(lastCall().registrar()).isEqualTo(spare);
  }

  @Test
  void anAdmissionShorterThanTheMinimumLifetimeIsAFailure() {
    NodeRecord fleeting = fill(256, 1).getFirst();
    for (int i = 0; i < 10; i++) {
      advertiser.tick();
      requests.openRegs().forEach(c -> admit(c, Advertiser.MIN_AD_LIFETIME.minusMillis(1)));
      advance(Advertiser.MIN_AD_LIFETIME);
    }
    assertThat(requests.regs).hasSize(TopicTable.FAILURES_BEFORE_EXCLUSION);
    assertThat(table.isExcluded(fleeting.nodeId())).isTrue();
  }

  @Test
  void newTableMembersAreUsedAtTheNextTick() {
    advertiser.tick();
    assertThat(requests.regs).isEmpty();
    NodeRecord registrar = fill(255, 1).getFirst();
    advertiser.tick();
    assertThat(requests.regTargets()).containsExactly(registrar.nodeId());
  }

  @Test
  void auxiliaryRecordsOfAnAnswerEnterTheTableAfterAPing() {
    fill(256, 1);
    advertiser.tick();
    NodeRecord hint = Nodes.at(TOPIC, 253);
    lastCall().answer().complete(new Registration(TICKET_A, Duration.ofSeconds(1), List.of(hint)));
    assertThat(requests.pinged).containsExactly(hint);
    assertThat(table.bucket(253)).containsExactly(hint);
  }

  @Test
  void aRecordChangeRestartsPendingAttemptsWithoutATicket() {
    NodeRecord registrar = fill(256, 1).getFirst();
    advertiser.tick();
    ticket(lastCall(), TICKET_A, Duration.ofMinutes(5));
    advertiser.recordChanged();
    advertiser.tick();
    assertThat(requests.regs).hasSize(2);
    assertThat(lastCall().registrar()).isEqualTo(registrar);
    assertThat(lastCall().ticket()).isEqualTo(Bytes.EMPTY);
  }

  @Test
  void closeStopsNewAttempts() {
    fill(256, 2);
    advertiser.tick();
    ticket(requests.regs.getFirst(), TICKET_A, Duration.ofSeconds(1));
    advertiser.close();
    admit(requests.regs.getLast(), Duration.ofMinutes(15));
    fill(255, 3);
    advance(Advertiser.PLACEMENT_INTERVAL);
    advertiser.tick();
    assertThat(requests.regs).hasSize(2);
    assertThat(advertiser.activeRegistrations() + advertiser.pendingRegistrations()).isZero();
  }
}
