package org.jdevp2p.cli;

import java.util.List;
import org.jdevp2p.enr.NodeRecord;
import picocli.CommandLine.Option;

/** How a short-lived tool node joins a network: the nodes it contacts first. */
final class JoinOptions {
  @Option(
      names = "--bootnodes",
      paramLabel = "ENR",
      split = ",",
      description = "Nodes to join the network through.")
  List<String> bootnodes = List.of();

  /** The bootnodes as records; a malformed one is a command failure naming it. */
  List<NodeRecord> records() {
    return Endpoints.records(bootnodes);
  }
}
