package org.jdevp2p.discv5;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * The baseline search of topics.md §10 (the paper's DISCv4 comparison): find members of a service
 * by random-walking the DHT with the production lookup, keeping every record learned from NODES
 * answers that passes a filter, one lookup after another until enough are found or the lookup
 * budget is spent. Its cost is what the searcher exchanged: the FINDNODE requests it sent and the
 * answers to them it received (NODES) while walking.
 */
final class RandomWalk {

  /**
   * What one walk found and cost.
   *
   * @param found distinct members found
   * @param lookups lookups run
   * @param messages FINDNODE sent plus their NODES answers received during the walk
   */
  record Result(int found, int lookups, long messages) {}

  private final SimNetwork network;
  private final SimNode searcher;
  private final Predicate<NodeRecord> wanted;
  private final int want;
  private final int maxLookups;
  private final Set<NodeId> found = new HashSet<>();
  private final CompletableFuture<Result> result = new CompletableFuture<>();
  private final long sentBefore;
  private final long receivedBefore;
  private int lookups;

  private RandomWalk(
      SimNetwork network,
      SimNode searcher,
      Predicate<NodeRecord> wanted,
      int want,
      int maxLookups) {
    this.network = network;
    this.searcher = searcher;
    this.wanted = wanted;
    this.want = want;
    this.maxLookups = maxLookups;
    this.sentBefore = searcher.sent(Message.FindNode.TYPE);
    this.receivedBefore = searcher.answersTo(Message.FindNode.TYPE);
  }

  /**
   * Starts a walk from {@code searcher}; the future completes while the network runs, once {@code
   * want} members are found or {@code maxLookups} lookups are done.
   */
  static CompletableFuture<Result> start(
      SimNetwork network,
      SimNode searcher,
      Predicate<NodeRecord> wanted,
      int want,
      int maxLookups) {
    RandomWalk walk = new RandomWalk(network, searcher, wanted, want, maxLookups);
    searcher.onLearned(walk::learned);
    walk.next();
    return walk.result;
  }

  private void learned(NodeRecord record) {
    if (wanted.test(record)) found.add(record.nodeId());
  }

  private void next() {
    if (found.size() >= want || lookups >= maxLookups) {
      searcher.onLearned(r -> {});
      long messages =
          searcher.sent(Message.FindNode.TYPE)
              - sentBefore
              + searcher.answersTo(Message.FindNode.TYPE)
              - receivedBefore;
      result.complete(new Result(found.size(), lookups, messages));
      return;
    }
    lookups++;
    searcher.protocol().lookup(network.randomId()).whenComplete((r, e) -> next());
  }
}
