package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.eth.EthEntry;
import org.jdevp2p.eth.EthNodeFilter;
import org.jdevp2p.eth.ForkFilter;
import org.jdevp2p.eth.ForkId;
import org.jdevp2p.rlpx.dial.PeerInfo;
import org.jdevp2p.rlpx.dial.PeerPool;
import org.jdevp2p.rlpx.eth.GenesisBlock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The wiring of discovery, RLPx, eth and the pool, on loopback. */
class EthNodeTest {
  private static final long WAIT_SECONDS = 30;

  private final List<EthNode> nodes = new ArrayList<>();

  @AfterEach
  void closeAll() {
    nodes.forEach(EthNode::close);
  }

  private EthNode start(List<NodeRecord> bootnodes, PeerPool.Listener listener) {
    DiscoveryConfig discovery =
        DiscoveryConfig.builder(PrivateKey.random())
            .bind4(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .bootnodes(bootnodes)
            .build();
    EthNode node =
        EthNode.start(
            EthNodeConfig.builder(discovery, GenesisBlock.MAINNET)
                .rlpxListen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .rlpxThreads(1)
                .build(),
            listener);
    nodes.add(node);
    return node;
  }

  @Test
  void ourRecordNamesTheRlpxPortAndTheGenesisForkIdOurStatusAnnounces() {
    EthNode node = start(List.of(), new PeerPool.Listener() {});

    NodeRecord record = node.localRecord();

    assertThat(record.tcp()).hasValue(node.rlpxAddress().getPort());
    ForkId genesis = new ForkId(Bytes.fromHexString("fc64ec04"), 1_150_000);
    assertThat(node.announcedForkId()).isEqualTo(genesis);
    assertThat(record.get(EthEntry.KEY).map(EthEntry::decode)).contains(new EthEntry(genesis));
  }

  @Test
  void ourRecordPassesTheEthFilterOfAnotherMainnetNode() {
    EthNode node = start(List.of(), new PeerPool.Listener() {});
    var filter = new EthNodeFilter(ForkFilter.synced(ChainConfig.MAINNET, InstantSource.system()));

    assertThat(filter.test(node.localRecord())).isTrue();
  }

  @Test
  void twoEthNodesFindEachOtherThroughDiscoveryAndBecomePeers() throws Exception {
    BlockingQueue<PeerInfo> added = new LinkedBlockingQueue<>();
    PeerPool.Listener listener =
        new PeerPool.Listener() {
          @Override
          public void peerAdded(PeerInfo peer) {
            added.add(peer);
          }
        };
    EthNode first = start(List.of(), listener);
    EthNode second = start(List.of(first.localRecord()), listener);

    PeerInfo one = added.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    PeerInfo other = added.poll(WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(one).isNotNull();
    assertThat(other).isNotNull();
    assertThat(List.of(one.id(), other.id()))
        .containsExactlyInAnyOrder(first.discovery().localId(), second.discovery().localId());
  }
}
