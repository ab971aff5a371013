package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
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
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.eth.EthEntry;
import org.jdevp2p.eth.EthNodeFilter;
import org.jdevp2p.eth.ForkFilter;
import org.jdevp2p.eth.ForkId;
import org.jdevp2p.node.NodeId;
import org.jdevp2p.rlpx.dial.PeerInfo;
import org.jdevp2p.rlpx.dial.PeerPool;
import org.jdevp2p.rlpx.eth.GenesisBlock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The wiring of discovery, RLPx, eth and the pool, on loopback. */
class EthNodeTest {
  private static final long WAIT_SECONDS = 30;

  /**
   * How long the topic path may take: the advertiser's first ad needs a ticket round at the
   * registrar, and the node searches every {@link EthNode#TOPIC_SEARCH_PAUSE}.
   */
  private static final long TOPIC_WAIT_SECONDS = 60;

  private final List<EthNode> nodes = new ArrayList<>();
  private final List<AutoCloseable> others = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    nodes.forEach(EthNode::close);
    for (AutoCloseable c : others.reversed()) c.close();
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

    // Wait for the pools' state, not for two events: when both nodes dial at once, one of them
    // adds the peer twice (the winning connection replaces the first; PeerPool's tie-break). The
    // assertions read the state that ended the wait: while the winner's Status is on its way, the
    // pool it replaced a kept peer in holds none for a moment.
    NodeId firstId = first.discovery().localId();
    NodeId secondId = second.discovery().localId();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    List<NodeId> atFirst = peerIds(first);
    List<NodeId> atSecond = peerIds(second);
    while (!(atFirst.contains(secondId) && atSecond.contains(firstId))
        && System.nanoTime() < deadline) {
      added.poll(100, TimeUnit.MILLISECONDS);
      atFirst = peerIds(first);
      atSecond = peerIds(second);
    }

    assertThat(atFirst).containsExactly(secondId);
    assertThat(atSecond).containsExactly(firstId);
  }

  private static List<NodeId> peerIds(EthNode node) {
    return node.pool().peers().stream().map(PeerInfo::id).toList();
  }

  @Test
  void anAdvertiserOfTheEthTopicWithoutEthEntryIsFoundByTopicSearchAlone() throws Exception {
    // a registrar, and an eth peer whose record has a TCP port but no eth entry: the ENR filter
    // refuses it, so only the topic search can hand it to the pool
    Discovery registrar =
        closing(Discovery.start(loopback(PrivateKey.random(), List.of()).build()));
    PrivateKey key = PrivateKey.random();
    PlainEthPeer ethPeer = closing(new PlainEthPeer(key, GenesisBlock.MAINNET, "jdevp2p"));
    Discovery advertiser =
        closing(
            Discovery.start(
                loopback(key, List.of(registrar.localRecord()))
                    .enrIp4((Inet4Address) InetAddress.getLoopbackAddress())
                    .pinEndpoint4(true) // ads are placed only from a confirmed endpoint
                    .build()));
    advertiser.updateRecord(b -> b.tcp(ethPeer.port())).join();
    advertiser.registerTopic(EthNode.ETH_TOPIC).join();

    EthNode node = start(List.of(registrar.localRecord()), new PeerPool.Listener() {});

    NodeId wanted = advertiser.localId();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TOPIC_WAIT_SECONDS);
    while (node.pool().peers().stream().noneMatch(p -> p.id().equals(wanted))
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(node.pool().peers()).extracting(PeerInfo::id).contains(wanted);
  }

  private static DiscoveryConfig.Builder loopback(PrivateKey key, List<NodeRecord> bootnodes) {
    return DiscoveryConfig.builder(key)
        .bind4(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .bootnodes(bootnodes);
  }

  private <T extends AutoCloseable> T closing(T resource) {
    others.add(resource);
    return resource;
  }
}
