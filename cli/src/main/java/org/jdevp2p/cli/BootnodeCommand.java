package org.jdevp2p.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.discv5.Netlist;
import org.jdevp2p.discv5.db.NodeDatabase;
import org.jdevp2p.discv5.db.NodeDatabaseException;
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
  static final String NODE_KEY_FILE = "nodekey";
  static final String DATABASE_FILE = "nodes.db";

  @Spec CommandSpec spec;
  @Mixin Verbosity verbose;

  @Option(
      names = "--datadir",
      paramLabel = "DIR",
      defaultValue = "${sys:user.home}/.jdevp2p",
      description = "Keeps the node key (unless --nodekey) and the node database.")
  Path datadir;

  @Option(
      names = "--nodekey",
      paramLabel = "FILE",
      description = "Node key file (hex). Default: DIR/nodekey, generated on first run.")
  Path nodekey;

  @Option(
      names = "--genkey",
      paramLabel = "FILE",
      description = "Write a new node key to FILE (mode 0600) and exit.")
  Path genkey;

  @Option(
      names = "--writeaddress",
      description = "Print the node id and public key of the node key and exit.")
  boolean writeAddress;

  @Option(
      names = "--addr",
      paramLabel = "HOST:PORT",
      split = ",",
      defaultValue = "0.0.0.0:30303,[::]:30303",
      description = "UDP listen address, at most one per address family (repeatable).")
  List<String> addrs;

  @Option(
      names = "--nat",
      paramLabel = "extip:IP|none",
      defaultValue = "none",
      description = "extip:IP: our public IP, fixed. none: learn it from our peers' PONGs.")
  String nat;

  @Option(
      names = "--netrestrict",
      paramLabel = "CIDR",
      split = ",",
      description =
          "Only nodes in these networks are answered, added or used as seeds (IPv4, IPv6).")
  List<String> netrestrict = new ArrayList<>();

  @Option(
      names = "--no-topics",
      description =
          "Do not serve topic discovery: no topic-discovery entry in our record, REGTOPIC and"
              + " TOPICQUERY ignored like unknown messages (default: serve as a registrar).")
  boolean noTopics;

  @Option(
      names = "--bootnodes",
      paramLabel = "ENR",
      split = ",",
      description = "Nodes to contact at start, besides those in the node database.")
  List<String> bootnodes = new ArrayList<>();

  @Option(
      names = "--verbosity",
      paramLabel = "0-5",
      defaultValue = "3",
      description = "Log level: 0 silent, 1 error, 2 warn, 3 info, 4 debug, 5 trace.")
  int verbosity;

  @Option(
      names = "--log-format",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "Log lines on stderr as text or as one JSON object per line.")
  String logFormat;

  @Option(
      names = "--metrics-addr",
      paramLabel = "HOST:PORT",
      description = "Serve Prometheus metrics at /metrics and a health check at /health.")
  String metricsAddr;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    if (genkey != null) {
      writeNewKey(genkey);
      out.println("wrote " + genkey);
      return;
    }
    if (writeAddress) {
      PrivateKey key = readKey(nodekey);
      out.println("node id:    " + NodeId.of(key.publicKey()));
      out.println("public key: " + key.publicKey());
      return;
    }
    Logging.configure(verbosity, logFormat);
    Logger log = LoggerFactory.getLogger(BootnodeCommand.class);
    PrivateKey key = nodekey != null ? readKey(nodekey) : dataDirKey(log);
    Netlist restrict = netRestrict();
    NodeDatabase db = openDatabase();
    List<NodeRecord> seeds =
        db.seeds(NodeDatabase.DEFAULT_SEED_COUNT, NodeDatabase.DEFAULT_SEED_MAX_AGE).stream()
            .filter(restrict::allows)
            .toList();
    List<NodeRecord> boot = Endpoints.records(bootnodes).stream().filter(restrict::allows).toList();
    long initialSeq = db.localSeq() + 1;
    Discovery discovery;
    try {
      discovery =
          Endpoints.start(
              addrs,
              a ->
                  Endpoints.listen(DiscoveryConfig.builder(key), a, nat)
                      .initialSeq(initialSeq)
                      .netRestrict(restrict)
                      .bootnodes(seeds)
                      .bootnodes(boot)
                      .topics(!noTopics)
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
    if (metricsAddr != null) {
      MetricsServer metrics =
          MetricsServer.start(
              Endpoints.parseHostPort(metricsAddr), discovery.metrics(), db::size, node::running);
      node.closeWith(metrics);
      out.println("metrics:  http://" + hostPort(metrics.address()) + "/metrics");
    }
    NodeRecord record = discovery.localRecord();
    int port = Endpoints.udpPort(discovery);
    out.println("node id:  " + discovery.localId());
    out.println("enr:      " + record.toText());
    out.println(
        "enode:    " + new Enode(key.publicKey(), Endpoints.advertisedIp(discovery), port, port));
    out.println("seq:      " + record.seq());
    discovery.localAddress4().ifPresent(a -> out.println("udp4:     " + hostPort(a)));
    discovery.localAddress6().ifPresent(a -> out.println("udp6:     " + hostPort(a)));
    out.println("datadir:  " + datadir + " (" + db.size() + " nodes, " + seeds.size() + " seeds)");
    out.flush();
    log.info(
        "bootnode {} running: seq {}, {} seeds from the node database, {} bootnodes",
        discovery.localId(),
        record.seq(),
        seeds.size(),
        boot.size());
    awaitShutdown();
  }

  private Netlist netRestrict() {
    try {
      return Netlist.parse(netrestrict);
    } catch (IllegalArgumentException e) {
      throw new CommandFailedException("--netrestrict: " + e.getMessage());
    }
  }

  private static String hostPort(java.net.InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /** The shutdown hook ends the process; until then this thread has nothing to do. */
  private static void awaitShutdown() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private NodeDatabase openDatabase() {
    try {
      return NodeDatabase.open(datadir.resolve(DATABASE_FILE), InstantSource.system());
    } catch (NodeDatabaseException e) {
      throw new CommandFailedException(
          e.getMessage() + " (is another bootnode using " + datadir + "?)");
    }
  }

  private PrivateKey dataDirKey(Logger log) {
    Path file = datadir.resolve(NODE_KEY_FILE);
    if (Files.exists(file)) return KeyFiles.read(file);
    PrivateKey key = writeNewKey(file);
    log.info("generated node key {}", file);
    return key;
  }

  private PrivateKey readKey(Path file) {
    return KeyFiles.read(file != null ? file : datadir.resolve(NODE_KEY_FILE));
  }

  private static PrivateKey writeNewKey(Path file) {
    PrivateKey key = PrivateKey.random();
    try {
      KeyFiles.write(file, key, false);
    } catch (FileAlreadyExistsException e) {
      throw new CommandFailedException(file + " exists; not overwriting a node key");
    } catch (IOException e) {
      throw new CommandFailedException("cannot write " + file + ": " + e.getMessage());
    }
    return key;
  }
}
