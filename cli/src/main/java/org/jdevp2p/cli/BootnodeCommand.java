package org.jdevp2p.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.discv5.Netlist;
import org.jdevp2p.discv5.db.NodeDatabase;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.Enode;
import org.jdevp2p.node.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The bootnode daemon: a discv5 node that keeps its identity and what it learned in a data
 * directory, serves metrics when asked, and stops cleanly on SIGTERM. docs/bootnode.md is the
 * operator's guide.
 */
@Command(
    name = "bootnode",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Run a discv5 bootnode until stopped (SIGTERM or Ctrl-C).",
      "Every option can also come from an environment variable (--metrics-addr:"
          + " DEVP2P_METRICS_ADDR) or a properties file ($DEVP2P_CONFIG or"
          + " ~/.jdevp2p/devp2p.properties, key bootnode.metrics-addr or metrics-addr)."
    })
final class BootnodeCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin Verbosity verbose;
  @Mixin DaemonOptions options;

  @Option(
      names = "--genkey",
      paramLabel = "FILE",
      description = "Write a new node key to FILE (mode 0600) and exit.")
  Path genkey;

  @Option(
      names = "--writeaddress",
      description = "Print the node id and public key of the node key and exit.")
  boolean writeAddress;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    if (genkey != null) {
      DaemonOptions.writeNewKey(genkey);
      out.println("wrote " + genkey);
      return;
    }
    if (writeAddress) {
      PrivateKey key = options.existingKey();
      out.println("node id:    " + NodeId.of(key.publicKey()));
      out.println("public key: " + key.publicKey());
      return;
    }
    Logging.configure(options.verbosity, options.logFormat);
    Logger log = LoggerFactory.getLogger(BootnodeCommand.class);
    PrivateKey key = options.key(log);
    Netlist restrict = options.netRestrict();
    NodeDatabase db = options.openDatabase();
    List<NodeRecord> seeds = options.seeds(db, restrict);
    List<NodeRecord> boot = options.bootnodeRecords(restrict);
    long initialSeq = db.localSeq() + 1;
    Discovery discovery;
    try {
      discovery =
          Endpoints.start(
              options.addrs,
              a ->
                  Endpoints.listen(DiscoveryConfig.builder(key), a, options.nat)
                      .initialSeq(initialSeq)
                      .netRestrict(restrict)
                      .bootnodes(seeds)
                      .bootnodes(boot)
                      .topics(!options.noTopics)
                      .build(),
              log::warn);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    Bootnode node =
        new Bootnode(
            discovery, db, java.util.stream.Stream.concat(seeds.stream(), boot.stream()).toList());
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "bootnode-shutdown"));
    if (options.metricsAddr != null) {
      MetricsServer metrics =
          MetricsServer.start(
              Endpoints.parseHostPort(options.metricsAddr),
              discovery.metrics(),
              db::size,
              node::running);
      node.closeWith(metrics);
      out.println("metrics:  http://" + Addresses.hostPort(metrics.address()) + "/metrics");
    }
    NodeRecord record = discovery.localRecord();
    int port = Endpoints.udpPort(discovery);
    out.println("node id:  " + discovery.localId());
    out.println("enr:      " + record.toText());
    out.println(
        "enode:    " + new Enode(key.publicKey(), Endpoints.advertisedIp(discovery), port, port));
    out.println("seq:      " + record.seq());
    discovery.localAddress4().ifPresent(a -> out.println("udp4:     " + Addresses.hostPort(a)));
    discovery.localAddress6().ifPresent(a -> out.println("udp6:     " + Addresses.hostPort(a)));
    out.println(
        "datadir:  " + options.datadir + " (" + db.size() + " nodes, " + seeds.size() + " seeds)");
    out.flush();
    log.info(
        "bootnode {} running: seq {}, {} seeds from the node database, {} bootnodes",
        discovery.localId(),
        record.seq(),
        seeds.size(),
        boot.size());
    awaitShutdown();
  }

  /** The shutdown hook ends the process; until then this thread has nothing to do. */
  private static void awaitShutdown() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
