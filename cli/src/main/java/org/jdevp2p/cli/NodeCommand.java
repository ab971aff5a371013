package org.jdevp2p.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.discv5.Netlist;
import org.jdevp2p.discv5.db.NodeDatabase;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.Enode;
import org.jdevp2p.rlpx.Disconnection;
import org.jdevp2p.rlpx.RlpxTransport;
import org.jdevp2p.rlpx.dial.PeerInfo;
import org.jdevp2p.rlpx.dial.PeerPool;
import org.jdevp2p.rlpx.dial.PeerPoolConfig;
import org.jdevp2p.rlpx.eth.GenesisBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code devp2p node}: an eth node without a chain ({@link EthNode}: discovery, RLPx, eth Status,
 * peer pool) with the bootnode's data directory, key, node database and metrics ({@link
 * DaemonOptions}, {@link Bootnode}). Prints each eth peer as it is kept and as it goes.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Run an eth node without a chain until stopped (SIGTERM or Ctrl-C): discv5 finds nodes"
          + " whose record announces our chain, RLPx dials them, and those whose eth Status"
          + " validates are kept. Prints peers as they come and go.",
      "Shares the bootnode's data directory, options and their sources (environment"
          + " DEVP2P_*, properties file keys node.NAME or NAME)."
    })
final class NodeCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin Verbosity verbose;
  @Mixin DaemonOptions options;

  @Option(
      names = "--network",
      paramLabel = "mainnet|sepolia|FILE",
      defaultValue = "mainnet",
      description = "The chain: a built-in one, or a JSON chain file (docs/node.md).")
  String network;

  @Option(
      names = "--rlpx-addr",
      paramLabel = "HOST:PORT",
      defaultValue = "0.0.0.0:30303",
      description = "TCP listen address of RLPx; port 0 picks a free one.")
  String rlpxAddr;

  @Option(
      names = "--maxpeers",
      paramLabel = "N",
      defaultValue = "" + PeerPoolConfig.DEFAULT_MAX_PEERS,
      description = "Most eth peers, inbound and dialled together.")
  int maxPeers;

  @Option(
      names = "--maxpendpeers",
      paramLabel = "N",
      defaultValue = "" + RlpxTransport.DEFAULT_MAX_PENDING_INBOUND,
      description =
          "Most inbound connections still in their RLPx handshake or Hello; more are closed"
              + " at once (geth's --maxpendpeers).")
  int maxPendingPeers;

  @Override
  public void run() {
    GenesisBlock genesis = ChainFile.network(network);
    InetSocketAddress rlpxListen = Endpoints.parseHostPort(rlpxAddr);
    PeerPoolConfig pool = poolConfig();
    if (maxPendingPeers < 1) throw new CommandFailedException("--maxpendpeers: must be >= 1");
    Logging.configure(options.verbosity, options.logFormat);
    Logger log = LoggerFactory.getLogger(NodeCommand.class);
    PrivateKey key = options.key(log);
    Netlist restrict = options.netRestrict();
    NodeDatabase db = options.openDatabase();
    List<NodeRecord> seeds = options.seeds(db, restrict);
    List<NodeRecord> boot = options.bootnodeRecords(restrict);
    PrintWriter out = spec.commandLine().getOut();
    EthNode eth;
    try {
      DiscoveryConfig discovery =
          Endpoints.listen(DiscoveryConfig.builder(key), options.addrs, options.nat)
              .initialSeq(db.localSeq() + 1)
              .netRestrict(restrict)
              .topics(!options.noTopics)
              .bootnodes(seeds)
              .bootnodes(boot)
              .build();
      eth =
          EthNode.start(
              EthNodeConfig.builder(discovery, genesis)
                  .rlpxListen(rlpxListen)
                  .pool(pool)
                  .maxPendingInbound(maxPendingPeers)
                  .build(),
              new PeerPrinter(out));
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    Bootnode node =
        new Bootnode(eth.discovery(), db, Stream.concat(seeds.stream(), boot.stream()).toList());
    node.closeWith(eth);
    if (options.metricsAddr != null) {
      MetricsServer metrics =
          MetricsServer.start(
              Endpoints.parseHostPort(options.metricsAddr),
              eth.discovery().metrics(),
              db::size,
              node::running,
              eth.pool()::metrics);
      node.closeWith(metrics);
      out.println("metrics:  http://" + Addresses.hostPort(metrics.address()) + "/metrics");
    }
    printIdentity(out, eth, genesis);
    out.println(
        "datadir:  " + options.datadir + " (" + db.size() + " nodes, " + seeds.size() + " seeds)");
    out.flush();
    log.info("node {} running on {}", eth.discovery().localId(), genesis.chain().name());
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              node.close();
              stopped.countDown();
            },
            "node-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Interrupted instead of killed (tests, an embedding program): shut down the same way.
      Runtime.getRuntime().removeShutdownHook(hook);
      node.close();
      Thread.currentThread().interrupt();
    }
  }

  private PeerPoolConfig poolConfig() {
    try {
      return PeerPoolConfig.builder().maxPeers(maxPeers).build();
    } catch (IllegalArgumentException e) {
      throw new CommandFailedException("--maxpeers: " + e.getMessage());
    }
  }

  private static void printIdentity(PrintWriter out, EthNode eth, GenesisBlock genesis) {
    NodeRecord record = eth.localRecord();
    int udp = Endpoints.udpPort(eth.discovery());
    int tcp = eth.rlpxAddress().getPort();
    out.println("node id:  " + eth.discovery().localId());
    out.println("enr:      " + record.toText());
    out.println(
        "enode:    "
            + new Enode(record.publicKey(), Endpoints.advertisedIp(eth.discovery()), tcp, udp));
    out.println(
        "network:  "
            + genesis.chain().name()
            + " (network id "
            + Long.toUnsignedString(genesis.chain().networkId())
            + "), we announce fork id "
            + eth.announcedForkId());
    out.println("rlpx:     " + Addresses.hostPort(eth.rlpxAddress()));
  }

  /** One line per eth peer kept or gone; called on RLPx event loops (PrintWriter locks). */
  private record PeerPrinter(PrintWriter out) implements PeerPool.Listener {
    @Override
    public void peerAdded(PeerInfo peer) {
      out.println("peer +   " + describe(peer) + " \"" + peer.clientId() + "\"");
      out.flush();
    }

    @Override
    public void peerRemoved(PeerInfo peer, Disconnection disconnection) {
      out.println("peer -   " + describe(peer) + ": " + disconnection);
      out.flush();
    }

    private static String describe(PeerInfo peer) {
      return peer.id().toString().substring(0, 16)
          + " "
          + peer.ethVersion()
          + " "
          + Addresses.hostPort(peer.address())
          + (peer.inbound() ? " inbound" : " dialled")
          + (peer.isStatic() ? " static" : "");
    }
  }
}
