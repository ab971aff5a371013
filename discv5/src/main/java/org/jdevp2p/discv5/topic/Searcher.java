package org.jdevp2p.discv5.topic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeFilter;
import org.jdevp2p.node.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a topic's advertisers (discv5-theory.md "Topic Search", paper §4.4, topics.md §7): sends
 * TOPICQUERY to registrars of the topic table from the farthest bucket inward, {@link #K_LOOKUP}
 * per bucket and at most {@link #K_LOOKUP} at a time, and yields each new advertiser as its answer
 * arrives. The table persists while the application wants the topic; which nodes were queried is
 * remembered per search.
 *
 * <p>Driven by the request futures on one thread, no locks. Results are candidates: the service
 * itself has the final word (topics.md §12).
 */
final class Searcher {
  private static final Logger LOG = LoggerFactory.getLogger(Searcher.class);

  /** Successful queries per bucket, and queries in flight: the spec's K_lookup (topics.md §8). */
  static final int K_LOOKUP = 5;

  /**
   * Advertisers taken from one registrar's answer: the spec's F_return. A malicious registrar can
   * return only Sybils; capping what one answer contributes well below {@link #F_LOOKUP} is what
   * bounds the eclipse (paper §5.4).
   */
  static final int F_RETURN = 10;

  /** Advertisers a search looks for unless told otherwise: the spec's F_lookup (topics.md §8). */
  static final int F_LOOKUP = 30;

  private final TopicTable table;
  private final TopicRequests requests;
  private final NodeFilter advertisers;
  private final RandomGenerator random;

  /**
   * @param advertisers what an advertiser's record must carry to be of use, e.g. an {@code ip} and
   *     the service's port ({@link NodeFilter#hasTcpEndpoint()} for eth)
   */
  Searcher(
      TopicTable table, TopicRequests requests, NodeFilter advertisers, RandomGenerator random) {
    this.table = Objects.requireNonNull(table, "table");
    this.requests = Objects.requireNonNull(requests, "requests");
    this.advertisers = Objects.requireNonNull(advertisers, "advertisers");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** {@link #search(int, Consumer)} for {@link #F_LOOKUP} advertisers. */
  CompletableFuture<List<NodeRecord>> search(Consumer<NodeRecord> onFound) {
    return search(F_LOOKUP, onFound);
  }

  /**
   * Starts a search that ends once {@code count} distinct advertisers were found, or when no
   * unqueried registrar is eligible and no query or auxiliary ping is under way.
   *
   * @param onFound called once per new advertiser, as its answer arrives
   * @return the advertisers found, at most {@code count}, each in its newest record seen; never
   *     fails. Cancelling it stops the search.
   */
  CompletableFuture<List<NodeRecord>> search(int count, Consumer<NodeRecord> onFound) {
    if (count < 1) throw new IllegalArgumentException("count must be positive, got " + count);
    Search search = new Search(count, Objects.requireNonNull(onFound, "onFound"));
    search.advance();
    return search.result;
  }

  /** The state of one search: the marks, the counts and the advertisers found. */
  private final class Search {
    final int count;
    final Consumer<NodeRecord> onFound;
    final CompletableFuture<List<NodeRecord>> result = new CompletableFuture<>();
    final Set<NodeId> queried = new HashSet<>();
    final int[] succeeded = new int[TopicTable.MAX_DISTANCE + 1];
    final int[] inFlight = new int[TopicTable.MAX_DISTANCE + 1];
    final Map<NodeId, NodeRecord> found = new LinkedHashMap<>();
    int queries;
    int pings;
    boolean advancing;

    Search(int count, Consumer<NodeRecord> onFound) {
      this.count = count;
      this.onFound = onFound;
    }

    /**
     * Keeps {@link #K_LOOKUP} queries in flight, and finishes when nothing is left to do. Answers
     * that complete inline re-enter here; the outer loop sees their effect.
     */
    void advance() {
      if (advancing) return;
      advancing = true;
      try {
        NodeRecord next;
        while (!result.isDone() && queries < K_LOOKUP && (next = nextTarget()) != null) {
          query(next);
        }
        if (queries == 0 && pings == 0) finish();
      } finally {
        advancing = false;
      }
    }

    /**
     * A random unqueried member of the farthest bucket whose successful and pending queries are
     * still fewer than {@link #K_LOOKUP}: starting far from the topic is what keeps ids ground
     * close to it from owning the answer (paper §5.4).
     */
    private NodeRecord nextTarget() {
      for (int d = TopicTable.MAX_DISTANCE; d >= 1; d--) {
        if (succeeded[d] + inFlight[d] >= K_LOOKUP) continue;
        List<NodeRecord> candidates = new ArrayList<>();
        for (NodeRecord r : table.bucket(d)) {
          if (!queried.contains(r.nodeId())) candidates.add(r);
        }
        if (!candidates.isEmpty()) return candidates.get(random.nextInt(candidates.size()));
      }
      return null;
    }

    private void query(NodeRecord registrar) {
      NodeId id = registrar.nodeId();
      int d = table.distance(id);
      queried.add(id);
      inFlight[d]++;
      queries++;
      List<Integer> distances = table.distancesWithSpace(TopicRequests.MAX_DISTANCES, d);
      requests
          .topicQuery(registrar, table.topic().id(), distances)
          .whenComplete(
              (answer, failure) -> {
                inFlight[d]--;
                queries--;
                if (failure != null) {
                  table.failed(id); // does not count toward the bucket's K_LOOKUP (§11.15)
                  advance();
                  return;
                }
                table.succeeded(id);
                if (!result.isDone()) {
                  succeeded[d]++;
                  accept(answer.ads());
                  // Pings that settle at once re-enter advance(), which must see the ads first.
                  pings++;
                  table
                      .addAuxiliary(answer.auxiliary(), requests)
                      .whenComplete(
                          (v, e) -> {
                            pings--;
                            advance();
                          });
                }
                advance();
              });
    }

    /**
     * Takes at most {@link #F_RETURN} ads of one answer, keeps those that are useful and not us,
     * records the newer record of an advertiser seen before, and yields the new ones; if they would
     * overshoot {@code count}, a random choice of them fills it.
     */
    private void accept(List<NodeRecord> ads) {
      Map<NodeId, NodeRecord> fresh = new LinkedHashMap<>();
      for (NodeRecord ad : ads.size() > F_RETURN ? ads.subList(0, F_RETURN) : ads) {
        NodeId id = ad.nodeId();
        if (id.equals(table.self()) || !advertisers.test(ad)) continue;
        NodeRecord known = found.get(id);
        if (known != null) {
          if (ad.isNewerThan(known)) found.put(id, ad);
        } else {
          fresh.merge(id, ad, (a, b) -> b.isNewerThan(a) ? b : a);
        }
      }
      List<NodeRecord> news = new ArrayList<>(fresh.values());
      int room = count - found.size();
      while (news.size() > room) news.remove(random.nextInt(news.size()));
      for (NodeRecord ad : news) {
        found.put(ad.nodeId(), ad);
        try {
          onFound.accept(ad);
        } catch (RuntimeException e) {
          LOG.warn("topic {}: search callback failed on {}", table.topic(), ad.nodeId(), e);
        }
      }
      if (found.size() >= count) finish();
    }

    private void finish() {
      result.complete(List.copyOf(found.values()));
    }
  }
}
