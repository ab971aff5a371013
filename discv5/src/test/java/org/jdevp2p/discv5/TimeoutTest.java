package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.discv5.wire.RequestId;
import org.jdevp2p.enr.NodeRecord;
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
    silent.receiveDatagram(); // the request went out and is pending

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
  void aNodesAnswerCutShortKeepsTheRecordsThatCameWhenTheTimeoutPasses() {
    Discovery node = nodes.start(b -> b.clock(clock));
    RawPeer server = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    CompletableFuture<List<NodeRecord>> result = node.findNodes(server.record, List.of(0));
    Message.FindNode find = (Message.FindNode) server.acceptHandshake();
    // the first of two NODES messages arrives, the second never does
    server.sendMessage(new Message.Nodes(find.requestId(), 2, List.of(server.record)));
    server.sendMessage(new Message.Ping(new RequestId(Bytes.of(1)), 1));
    server.receiveMessage(); // the PONG: the NODES before it was processed

    tick(node);
    assertThat(result).isNotDone();
    clock.advance(TestNodes.TIMEOUT);
    tick(node);
    assertThat(result.join()).containsExactly(server.record);
  }

  @Test
  void requestsPendingTowardOneNodeAreBounded() {
    Discovery node = nodes.start(b -> b.clock(clock));
    RawPeer silent = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));
    for (int i = 0; i < Protocol.MAX_PENDING_PER_NODE; i++) node.ping(silent.record);
    Throwable refused = catchThrowable(() -> node.ping(silent.record).get());
    assertThat(((DiscoveryException) refused.getCause()).reason())
        .isEqualTo(DiscoveryException.Reason.TOO_MANY_PENDING);
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
