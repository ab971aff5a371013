package org.jdevp2p.cli;

import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.rlpx.RlpxTransport;
import org.jdevp2p.rlpx.dial.PeerPoolConfig;
import org.jdevp2p.rlpx.eth.EthVersion;
import org.jdevp2p.rlpx.eth.GenesisBlock;

/**
 * Settings of an {@link EthNode}. The node key is the discovery config's: RLPx must run under the
 * same key, since peers dial the node id our record names.
 *
 * @param discovery the discv5 node (key, sockets, bootnodes, clock)
 * @param genesis the chain we serve, by its built-in genesis block
 * @param rlpxListen where RLPx accepts connections; port 0 lets the system choose
 * @param clientId the client id of our Hello
 * @param ethVersions the eth versions we offer
 * @param pool the peer pool's limits, static peers and clock
 * @param clock the time our fork state is read at (fork ids of our record and of the peers we
 *     accept)
 * @param rlpxThreads event loop threads of the RLPx transport
 * @param maxPendingInbound inbound RLPx connections in their handshake or Hello at once (geth's
 *     MaxPendingPeers)
 */
record EthNodeConfig(
    DiscoveryConfig discovery,
    GenesisBlock genesis,
    InetSocketAddress rlpxListen,
    String clientId,
    Set<EthVersion> ethVersions,
    PeerPoolConfig pool,
    InstantSource clock,
    int rlpxThreads,
    int maxPendingInbound) {

  EthNodeConfig {
    Objects.requireNonNull(discovery, "discovery");
    Objects.requireNonNull(genesis, "genesis");
    Objects.requireNonNull(rlpxListen, "rlpxListen");
    Objects.requireNonNull(clientId, "clientId");
    if (ethVersions.isEmpty()) throw new IllegalArgumentException("offer at least one eth version");
    ethVersions = Set.copyOf(ethVersions);
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(clock, "clock");
    if (rlpxThreads < 1) throw new IllegalArgumentException("rlpxThreads must be >= 1");
    if (maxPendingInbound < 1) {
      throw new IllegalArgumentException("maxPendingInbound must be >= 1");
    }
  }

  static Builder builder(DiscoveryConfig discovery, GenesisBlock genesis) {
    return new Builder(discovery, genesis);
  }

  /** Builds a config; each setter names its default. */
  static final class Builder {
    private final DiscoveryConfig discovery;
    private final GenesisBlock genesis;
    private InetSocketAddress rlpxListen = new InetSocketAddress(RlpxTransport.DEFAULT_PORT);
    private String clientId = Version.clientId();
    private Set<EthVersion> ethVersions = EnumSet.allOf(EthVersion.class);
    private PeerPoolConfig pool = PeerPoolConfig.builder().build();
    private InstantSource clock = InstantSource.system();
    private int rlpxThreads = Runtime.getRuntime().availableProcessors();
    private int maxPendingInbound = RlpxTransport.DEFAULT_MAX_PENDING_INBOUND;

    private Builder(DiscoveryConfig discovery, GenesisBlock genesis) {
      this.discovery = discovery;
      this.genesis = genesis;
    }

    /** Default all interfaces, port 30303. */
    Builder rlpxListen(InetSocketAddress address) {
      this.rlpxListen = address;
      return this;
    }

    /** Default {@code jdevp2p/<version>/java<feature>}. */
    Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** Default eth/68 to eth/72. */
    Builder ethVersions(Set<EthVersion> versions) {
      this.ethVersions = versions;
      return this;
    }

    /** Default {@link PeerPoolConfig}'s defaults (50 peers, a third dialled). */
    Builder pool(PeerPoolConfig pool) {
      this.pool = pool;
      return this;
    }

    /** Default the system clock. */
    Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    /** Default one per available processor. */
    Builder rlpxThreads(int threads) {
      this.rlpxThreads = threads;
      return this;
    }

    /** Default {@link RlpxTransport#DEFAULT_MAX_PENDING_INBOUND} (50, as geth). */
    Builder maxPendingInbound(int max) {
      this.maxPendingInbound = max;
      return this;
    }

    EthNodeConfig build() {
      return new EthNodeConfig(
          discovery,
          genesis,
          rlpxListen,
          clientId,
          ethVersions,
          pool,
          clock,
          rlpxThreads,
          maxPendingInbound);
    }
  }
}
