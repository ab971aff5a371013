package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.enr.InvalidRecordException;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Changing entries of our own record: {@link Discovery#updateRecord}. */
class LocalRecordTest {
  private static final Bytes ETH_ENTRY = Bytes.fromHexString("c7c68407c9462e80");

  /** How long a peer may take to notice the change: many revalidation rounds of 50 ms. */
  private static final Duration NOTICE_WITHIN = Duration.ofSeconds(20);

  private final TestNodes nodes = new TestNodes();

  @AfterEach
  void closeAll() {
    nodes.close();
  }

  @Test
  void aChangedEntryIsSignedIntoTheRecordWithTheNextSequenceNumber() {
    Discovery node = nodes.start();
    long seq = node.localRecord().seq();

    NodeRecord updated = node.updateRecord(b -> b.tcp(30303).set("eth", ETH_ENTRY)).join();

    assertThat(updated.seq()).isEqualTo(seq + 1);
    assertThat(updated.get("eth")).contains(ETH_ENTRY);
    assertThat(updated.tcp()).hasValue(30303);
    assertThat(node.localRecord()).isEqualTo(updated);
  }

  @Test
  void anEntryCanBeRemoved() {
    Discovery node = nodes.start();
    node.updateRecord(b -> b.set("eth", ETH_ENTRY)).join();

    NodeRecord updated = node.updateRecord(b -> b.remove("eth")).join();

    assertThat(updated.get("eth")).isEmpty();
  }

  @Test
  void aChangeThatChangesNothingKeepsTheSequenceNumber() {
    Discovery node = nodes.start();
    NodeRecord before = node.updateRecord(b -> b.set("eth", ETH_ENTRY)).join();

    NodeRecord after = node.updateRecord(b -> b.set("eth", ETH_ENTRY)).join();

    assertThat(after).isEqualTo(before);
  }

  @Test
  void aChangeThatWouldOverflowTheRecordFailsAndLeavesItAsItWas() {
    Discovery node = nodes.start();
    NodeRecord before = node.localRecord();
    Bytes tooLarge = RLP.encodeValue(Bytes.wrap(new byte[NodeRecord.MAX_SIZE]));

    assertThatThrownBy(() -> node.updateRecord(b -> b.set("big", tooLarge)).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(InvalidRecordException.class);
    assertThat(node.localRecord()).isEqualTo(before);
  }

  @Test
  void aPeerLearnsTheChangedRecordFromTheEnrSeqOfOurPong() throws InterruptedException {
    Discovery changing = nodes.start();
    Discovery peer = nodes.start(b -> b.revalidationInterval(Duration.ofMillis(50)));
    peer.ping(changing.localRecord()).join();
    assertThat(peer.tableNodes().join()).containsExactly(changing.localRecord());

    NodeRecord updated = changing.updateRecord(b -> b.set("eth", ETH_ENTRY)).join();

    // the peer's revalidation PING gets a PONG with the higher enr-seq and fetches the record
    long deadline = System.nanoTime() + NOTICE_WITHIN.toNanos();
    List<NodeRecord> table = peer.tableNodes().join();
    while (!table.contains(updated) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      table = peer.tableNodes().join();
    }
    assertThat(table).containsExactly(updated);
  }
}
