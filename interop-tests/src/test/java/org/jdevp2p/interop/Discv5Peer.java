package org.jdevp2p.interop;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A running discv5 node that a test drives, whichever implementation it is. Records cross the
 * boundary as ENR text ({@code enr:...}) so that each side decodes them with its own code: that is
 * part of what interop checks.
 */
interface Discv5Peer extends AutoCloseable {

  /** Which implementation this is, for failure messages ("teku", "chainsafe", "jdevp2p"). */
  String implementation();

  /** Its current record. */
  String enr();

  /** Node id, lower-case hex, as its record says. */
  default String nodeId() {
    return Enrs.nodeId(enr());
  }

  /** Sends PING to the node with this record; completes when the PONG arrives. */
  CompletableFuture<Void> ping(String enr);

  /** Sends FINDNODE with these distances; completes with the records of the NODES response. */
  CompletableFuture<List<String>> findNodes(String enr, List<Integer> distances);

  /**
   * Runs one iterative lookup; completes with the records it found. Teku's library only offers
   * lookups toward a random target, so the target is the implementation's choice.
   */
  CompletableFuture<List<String>> lookup();

  /** Node ids (hex) in its routing table. */
  Set<String> tableNodeIds();

  /** Stops it and releases its socket; never throws. */
  @Override
  void close();
}
