package org.jdevp2p.discv5;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * One iterative Kademlia lookup (discv5-theory "Lookup"; geth lookup.go): keep the closest nodes
 * seen so far, ask up to {@link #ALPHA} of them at a time for the distances around the target, and
 * stop when every node among the closest has been asked. The result holds the closest nodes that
 * answered: nodes that proved liveness, never hearsay. Runs on the event loop.
 */
final class Lookup {
  /** Concurrent requests: the spec's and geth's alpha = 3. */
  static final int ALPHA = 3;

  /** Nodes kept and returned: a bucket's worth, as geth's lookup ({@code bucketSize}). */
  static final int RESULT_SIZE = NodeTable.BUCKET_SIZE;

  /** Distances asked per FINDNODE: geth's {@code lookupRequestLimit}. */
  static final int DISTANCES_PER_REQUEST = 3;

  private final NodeId target;
  private final NodeId self;
  private final BiFunction<NodeRecord, List<Integer>, CompletableFuture<List<NodeRecord>>> findNode;
  private final CompletableFuture<List<NodeRecord>> result = new CompletableFuture<>();
  private final List<NodeRecord> candidates = new ArrayList<>(); // closest first, RESULT_SIZE max
  private final Set<NodeId> seen = new HashSet<>();
  private final Set<NodeId> asked = new HashSet<>();
  private final List<NodeRecord> answered = new ArrayList<>();
  private int inFlight;

  Lookup(
      NodeId target,
      NodeId self,
      BiFunction<NodeRecord, List<Integer>, CompletableFuture<List<NodeRecord>>> findNode) {
    this.target = target;
    this.self = self;
    this.findNode = findNode;
  }

  /** Starts from the given nodes (the table's closest, or the bootnodes). */
  CompletableFuture<List<NodeRecord>> start(List<NodeRecord> seeds) {
    seeds.forEach(this::offer);
    advance();
    return result;
  }

  /** FINDNODE distances for asking {@code peer} about the target: d, d+1, d-1, d+2, ... */
  static List<Integer> distances(NodeId target, NodeId peer) {
    int d = target.logDistance(peer);
    List<Integer> out = new ArrayList<>(DISTANCES_PER_REQUEST);
    out.add(d);
    for (int i = 1; out.size() < DISTANCES_PER_REQUEST && i < 256; i++) {
      if (d + i <= 256) out.add(d + i);
      if (d - i > 0 && out.size() < DISTANCES_PER_REQUEST) out.add(d - i);
    }
    return out;
  }

  private void offer(NodeRecord node) {
    NodeId id = node.nodeId();
    if (id.equals(self) || !seen.add(id)) return;
    Comparator<NodeRecord> byDistance =
        Comparator.comparing(NodeRecord::nodeId, target::compareDistance);
    int i = 0;
    while (i < candidates.size() && byDistance.compare(candidates.get(i), node) < 0) i++;
    if (i >= RESULT_SIZE) return;
    candidates.add(i, node);
    if (candidates.size() > RESULT_SIZE) candidates.removeLast();
  }

  private void advance() {
    if (result.isDone()) return;
    for (NodeRecord node : List.copyOf(candidates)) {
      // A request that fails at once completes inline and may have finished the lookup.
      if (inFlight >= ALPHA || result.isDone()) return;
      if (!asked.add(node.nodeId())) continue;
      inFlight++;
      findNode
          .apply(node, distances(target, node.nodeId()))
          .whenComplete(
              (nodes, failure) -> {
                inFlight--;
                if (failure == null) {
                  answered.add(node);
                  nodes.forEach(this::offer);
                } else {
                  candidates.remove(node);
                }
                advance();
              });
    }
    if (inFlight == 0) finish();
  }

  private void finish() {
    answered.sort(Comparator.comparing(NodeRecord::nodeId, target::compareDistance));
    result.complete(
        List.copyOf(answered.size() > RESULT_SIZE ? answered.subList(0, RESULT_SIZE) : answered));
  }
}
