package org.jdevp2p.eth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Instant;
import java.time.InstantSource;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.testing.Vectors;
import org.junit.jupiter.api.Test;

/**
 * Which mainnet records the dialer gets, judged on 2026-05-28 (after BPO2, so mainnet's current
 * fork id is 07c9462e / 0), with signed records as discovery hands them over.
 */
class EthNodeFilterTest {
  private static final InstantSource NOW =
      InstantSource.fixed(Instant.ofEpochSecond(1_780_000_000L));
  private static final EthNodeFilter FILTER =
      new EthNodeFilter(ForkFilter.synced(ChainConfig.MAINNET, NOW));

  /** The last block fork of mainnet (Gray Glacier): every time fork id is taken past it. */
  private static final long GRAY_GLACIER = 15_050_000;

  private static final long PRAGUE = 1_746_612_311L;

  private static NodeRecord.Builder reachable() {
    return NodeRecord.builder().ip(InetAddress.getLoopbackAddress()).udp(30303).tcp(30303);
  }

  private static NodeRecord withEth(ForkId forkId) {
    return reachable().set(EthEntry.KEY, new EthEntry(forkId).encode()).sign(PrivateKey.random());
  }

  @Test
  void passesANodeOnTheCurrentFork() {
    ForkId current = ChainConfig.MAINNET.forkId(GRAY_GLACIER, NOW.instant().getEpochSecond());
    assertThat(current.hash()).isEqualTo(Bytes.fromHexString("07c9462e"));

    assertThat(FILTER.test(withEth(current))).isTrue();
  }

  @Test
  void passesANodeStillSyncingThatKnowsTheNextFork() {
    // at Prague, announcing Osaka as its next fork: behind, but on our chain (EIP-2124 rule 2)
    ForkId syncing = ChainConfig.MAINNET.forkId(GRAY_GLACIER, PRAGUE);

    assertThat(FILTER.test(withEth(syncing))).isTrue();
  }

  @Test
  void passesTheGenesisForkIdThatNodesWithoutAChainAnnounce() {
    assertThat(FILTER.test(withEth(ChainConfig.MAINNET.forkId(0, 0)))).isTrue();
  }

  @Test
  void refusesAStaleNodeThatMissedAFork() {
    // Prague's hash but no next fork: its software does not know Osaka, which has passed
    ForkId prague = ChainConfig.MAINNET.forkId(GRAY_GLACIER, PRAGUE);
    ForkId stale = new ForkId(prague.hash(), 0);

    assertThat(FILTER.test(withEth(stale))).isFalse();
  }

  @Test
  void refusesANodeOfAnotherChain() {
    ForkId sepolia = ChainConfig.SEPOLIA.forkId(1_735_371, NOW.instant().getEpochSecond());

    assertThat(FILTER.test(withEth(sepolia))).isFalse();
  }

  @Test
  void refusesARecordWithoutEthEntry() {
    assertThat(FILTER.test(reachable().sign(PrivateKey.random()))).isFalse();
  }

  @Test
  void refusesAMalformedEthEntry() {
    // the fork id without its enclosing list
    ForkId current = ChainConfig.MAINNET.forkId(GRAY_GLACIER, NOW.instant().getEpochSecond());
    NodeRecord record = reachable().set(EthEntry.KEY, current.encode()).sign(PrivateKey.random());

    assertThat(FILTER.test(record)).isFalse();
  }

  @Test
  void refusesAnEthNodeWithoutTcpEndpoint() {
    ForkId current = ChainConfig.MAINNET.forkId(GRAY_GLACIER, NOW.instant().getEpochSecond());
    NodeRecord record =
        NodeRecord.builder()
            .ip(InetAddress.getLoopbackAddress())
            .udp(30303)
            .set(EthEntry.KEY, new EthEntry(current).encode())
            .sign(PrivateKey.random());

    assertThat(FILTER.test(record)).isFalse();
  }

  @Test
  void refusesEveryConsensusLayerBootnodeOfGeth() {
    // geth's V5Bootnodes: real records of Teku, Prysm, Lighthouse ... nodes, with eth2 and no eth
    var bootnodes = Vectors.load("bootnodes.json").get("discv5_enr_bootnodes");
    assertThat(bootnodes).isNotEmpty();
    for (var bootnode : bootnodes) {
      NodeRecord record = NodeRecord.fromText(bootnode.get("enr").asText());
      assertThat(record.get("eth2")).isPresent();

      assertThat(FILTER.test(record)).as(bootnode.get("comment").asText()).isFalse();
    }
  }
}
