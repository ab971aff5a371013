package org.jdevp2p.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.Netlist;
import org.jdevp2p.discv5.db.NodeDatabase;
import org.jdevp2p.discv5.db.NodeDatabaseException;
import org.jdevp2p.enr.NodeRecord;
import org.slf4j.Logger;
import picocli.CommandLine.Option;

/**
 * The options of a node that runs until stopped, shared by {@code bootnode} and {@code node}: one
 * data directory (node key and node database), the discovery sockets, logging and metrics. Both
 * commands default to the same directory, so a node started where a bootnode ran keeps its identity
 * and what it learned.
 */
final class DaemonOptions {
  static final String NODE_KEY_FILE = "nodekey";
  static final String DATABASE_FILE = "nodes.db";

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

  /** --nodekey, else DIR/nodekey, written on first run. */
  PrivateKey key(Logger log) {
    if (nodekey != null) return KeyFiles.read(nodekey);
    Path file = datadir.resolve(NODE_KEY_FILE);
    if (Files.exists(file)) return KeyFiles.read(file);
    PrivateKey key = writeNewKey(file);
    log.info("generated node key {}", file);
    return key;
  }

  /** --nodekey, else DIR/nodekey; it must exist. */
  PrivateKey existingKey() {
    return KeyFiles.read(nodekey != null ? nodekey : datadir.resolve(NODE_KEY_FILE));
  }

  static PrivateKey writeNewKey(Path file) {
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

  Netlist netRestrict() {
    try {
      return Netlist.parse(netrestrict);
    } catch (IllegalArgumentException e) {
      throw new CommandFailedException("--netrestrict: " + e.getMessage());
    }
  }

  /** The node database of DIR; one process at a time may hold it. */
  NodeDatabase openDatabase() {
    try {
      return NodeDatabase.open(datadir.resolve(DATABASE_FILE), InstantSource.system());
    } catch (NodeDatabaseException e) {
      throw new CommandFailedException(
          e.getMessage() + " (is another bootnode or node using " + datadir + "?)");
    }
  }

  /** The database's seeds (recently seen nodes) inside --netrestrict. */
  List<NodeRecord> seeds(NodeDatabase db, Netlist restrict) {
    return db.seeds(NodeDatabase.DEFAULT_SEED_COUNT, NodeDatabase.DEFAULT_SEED_MAX_AGE).stream()
        .filter(restrict::allows)
        .toList();
  }

  /** --bootnodes inside --netrestrict. */
  List<NodeRecord> bootnodeRecords(Netlist restrict) {
    return Endpoints.records(bootnodes).stream().filter(restrict::allows).toList();
  }
}
