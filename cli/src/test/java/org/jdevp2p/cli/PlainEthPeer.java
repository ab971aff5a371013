package org.jdevp2p.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.eth.ForkFilter;
import org.jdevp2p.eth.ForkId;
import org.jdevp2p.rlpx.RlpxTransport;
import org.jdevp2p.rlpx.eth.ChainlessNode;
import org.jdevp2p.rlpx.eth.EthHandler;
import org.jdevp2p.rlpx.eth.EthVersion;
import org.jdevp2p.rlpx.eth.GenesisBlock;
import org.jdevp2p.rlpx.eth.StatusValidator;

/**
 * An eth peer of a chain on loopback without a peer pool: it answers the eth Status of whoever
 * dials it and never dials anyone, so a test knows which side opened the one connection.
 */
final class PlainEthPeer implements AutoCloseable {
  private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
  private final ChainlessNode node;
  private final RlpxTransport transport;

  PlainEthPeer(PrivateKey key, GenesisBlock chain, String clientId) {
    node = new ChainlessNode(chain);
    EthHandler eth =
        new EthHandler(
            node,
            new StatusValidator(
                chain.chain(), ForkFilter.synced(chain.chain(), InstantSource.system())),
            EnumSet.allOf(EthVersion.class),
            EthHandler.Timer.of(timers),
            new EthHandler.Listener() {});
    transport =
        eth.registerWith(
                RlpxTransport.builder(key)
                    .listenAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .clientId(clientId)
                    .eventLoopThreads(1))
            .build();
    try {
      transport.start();
    } catch (RuntimeException e) {
      timers.shutdownNow();
      throw e;
    }
  }

  /** The TCP port it listens on. */
  int port() {
    return transport.listenAddress().getPort();
  }

  /** The fork id its Status announces, for the eth entry of its record. */
  ForkId forkId() {
    return node.status(EthVersion.ETH69).forkId();
  }

  @Override
  public void close() {
    transport.close();
    timers.shutdownNow();
  }
}
