package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deadlines follow the injected clock: tests move it and let the loop look, never sleep. */
class TimeoutTest {
  private final TestNodes nodes = new TestNodes();
  private final ManualClock clock = new ManualClock();

  @AfterEach
  void closeAll() {
    nodes.close();
  }

  /** Runs the loop's periodic work now, against the manual clock. */
  private static void tick(Discovery node) {
    node.onLoop(
            p -> {
              p.tick();
              return null;
            })
        .join();
  }

  @Test
  void aRequestToASilentNodeFailsWithTimeoutOnceItsDeadlinePasses() throws Exception {
    Discovery node = nodes.start(b -> b.clock(clock));
    RawPeer silent = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    CompletableFuture<PingResponse> ping = node.ping(silent.record);
    assertThat(silent.receiveRaw()).isPresent(); // the request went out and is pending

    clock.advance(TestNodes.TIMEOUT.minusMillis(1));
    tick(node);
    assertThat(ping).isNotDone();

    clock.advance(Duration.ofMillis(1));
    tick(node);
    Throwable failure = catchThrowable(ping::get);
    assertThat(failure).isInstanceOf(ExecutionException.class);
    assertThat(((DiscoveryException) failure.getCause()).reason())
        .isEqualTo(DiscoveryException.Reason.TIMEOUT);
  }

  @Test
  void aTableMemberThatStopsAnsweringIsDroppedByRevalidation() {
    Duration interval = Duration.ofSeconds(3);
    Discovery node = nodes.start(b -> b.clock(clock).revalidationInterval(interval));
    Discovery peer = nodes.start();
    node.ping(peer.localRecord()).join();
    assertThat(node.tableNodes().join()).containsExactly(peer.localRecord());
    peer.close();

    clock.advance(interval);
    tick(node); // revalidation PINGs the only member
    clock.advance(TestNodes.TIMEOUT);
    tick(node); // no PONG: one liveness check divided by three is zero

    assertThat(node.tableNodes().join()).isEmpty();
    assertThat(node.metrics().tableSize()).isZero();
  }

  @Test
  void aTableMemberThatAnswersRevalidationStays() {
    Duration interval = Duration.ofSeconds(3);
    Discovery node = nodes.start(b -> b.clock(clock).revalidationInterval(interval));
    Discovery peer = nodes.start();
    node.ping(peer.localRecord()).join();
    long pingsBefore = peer.metrics().packetsIn(PacketKind.ORDINARY);

    clock.advance(interval);
    tick(node);
    node.ping(peer.localRecord()).join(); // queued behind the revalidation PING: it was answered

    assertThat(peer.metrics().packetsIn(PacketKind.ORDINARY))
        .isGreaterThanOrEqualTo(pingsBefore + 2);
    assertThat(node.tableNodes().join()).containsExactly(peer.localRecord());
  }
}
