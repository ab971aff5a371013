package org.jdevp2p.discv5.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeFilter;
import org.jdevp2p.node.NodeId;
import org.junit.jupiter.api.Test;

class SearcherTest {
  private static final Topic TOPIC = Topic.of("eth/68");

  private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));
  private final PrivateKey selfKey = Nodes.keyAt(TOPIC, 256);
  private final TopicTable table = new TopicTable(TOPIC, NodeId.of(selfKey.publicKey()), clock);
  private final FakeRequests requests = new FakeRequests();
  private final Searcher searcher =
      new Searcher(table, requests, NodeFilter.hasTcpEndpoint(), new Random(7));
  private final Map<NodeId, QueryResult> answers = new HashMap<>();
  private final List<NodeRecord> yielded = new ArrayList<>();

  SearcherTest() {
    requests.queryAnswers = r -> answers.get(r.nodeId());
  }

  private List<NodeRecord> fill(int distance, int count) {
    List<NodeRecord> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      NodeRecord n = Nodes.at(TOPIC, distance);
      table.add(n);
      nodes.add(n);
    }
    return nodes;
  }

  private static List<NodeRecord> advertisers(int count) {
    List<NodeRecord> ads = new ArrayList<>();
    for (int i = 0; i < count; i++) ads.add(Nodes.record(PrivateKey.random(), 1));
    return ads;
  }

  private void answer(NodeRecord registrar, List<NodeRecord> ads) {
    answers.put(registrar.nodeId(), new QueryResult(ads, List.of()));
  }

  private CompletableFuture<List<NodeRecord>> search(int count) {
    return searcher.search(count, yielded::add);
  }

  private static void complete(FakeRequests.QueryCall call, List<NodeRecord> ads) {
    call.answer().complete(new QueryResult(ads, List.of()));
  }

  @Test
  void stopsAtTheRequestedCount() {
    for (NodeRecord r : fill(256, 3)) answer(r, advertisers(10));
    List<NodeRecord> found = search(15).join();
    assertThat(found).hasSize(15);
    assertThat(yielded).containsExactlyInAnyOrderElementsOf(found);
    assertThat(requests.queries).hasSize(2);
  }

  @Test
  void findsThirtyByDefault() {
    for (NodeRecord r : fill(256, 5)) answer(r, advertisers(10));
    assertThat(searcher.search(yielded::add).join()).hasSize(Searcher.F_LOOKUP);
  }

  @Test
  void yieldsAdvertisersAsTheirAnswersArrive() {
    fill(256, 2);
    CompletableFuture<List<NodeRecord>> result = search(30);
    List<NodeRecord> first = advertisers(3);
    complete(requests.queries.get(0), first);
    assertThat(yielded).containsExactlyElementsOf(first);
    assertThat(result).isNotDone();
    complete(requests.queries.get(1), advertisers(2));
    assertThat(result.join()).hasSize(5);
  }

  @Test
  void neverReturnsADuplicateOrOurselves() {
    List<NodeRecord> registrars = fill(256, 2);
    PrivateKey twiceKey = PrivateKey.random();
    NodeRecord twiceOld = Nodes.record(twiceKey, 1);
    NodeRecord twiceNew = Nodes.record(twiceKey, 2);
    NodeRecord once = Nodes.record(PrivateKey.random(), 1);
    NodeRecord other = Nodes.record(PrivateKey.random(), 1);
    answer(registrars.get(0), List.of(twiceOld, once, Nodes.record(selfKey, 1), twiceOld));
    answer(registrars.get(1), List.of(twiceNew, other));
    List<NodeRecord> found = search(30).join();
    assertThat(found).containsExactlyInAnyOrder(twiceNew, once, other);
    assertThat(yielded).extracting(NodeRecord::nodeId).doesNotHaveDuplicates().hasSize(3);
  }

  @Test
  void takesAtMostTenAdvertisersFromOneRegistrar() {
    NodeRecord malicious = fill(256, 1).getFirst();
    answer(malicious, advertisers(50));
    assertThat(search(30).join()).hasSize(Searcher.F_RETURN);
  }

  @Test
  void dropsAdvertisersWithoutTheServicePort() {
    NodeRecord registrar = fill(256, 1).getFirst();
    NodeRecord dialable = Nodes.record(PrivateKey.random(), 1);
    answer(registrar, List.of(Nodes.withoutTcp(PrivateKey.random()), dialable));
    assertThat(search(30).join()).containsExactly(dialable);
  }

  @Test
  void keepsAtMostFiveQueriesInFlight() {
    fill(256, 8);
    fill(255, 8);
    search(30);
    assertThat(requests.openQueries()).hasSize(Searcher.K_LOOKUP);
    complete(requests.queries.getFirst(), List.of());
    assertThat(requests.queries).hasSize(Searcher.K_LOOKUP + 1);
    assertThat(requests.openQueries()).hasSize(Searcher.K_LOOKUP);
  }

  @Test
  void queriesTheFarthestBucketFirst() {
    fill(255, 6);
    fill(256, 6);
    search(30);
    assertThat(requests.queryTargets().stream().map(table::distance))
        .containsOnly(256)
        .hasSize(Searcher.K_LOOKUP);
    List.copyOf(requests.queries).forEach(c -> complete(c, List.of()));
    assertThat(requests.queryTargets().stream().skip(Searcher.K_LOOKUP).map(table::distance))
        .containsOnly(255)
        .hasSize(Searcher.K_LOOKUP);
  }

  @Test
  void queriesInFlightCountTowardTheirBucketsFive() {
    fill(256, Searcher.K_LOOKUP + 2);
    fill(255, 1);
    search(30);
    complete(requests.queries.getFirst(), List.of());
    assertThat(table.distance(requests.queries.getLast().registrar().nodeId())).isEqualTo(255);
  }

  @Test
  void aFailedQueryDoesNotCountTowardItsBucket() {
    fill(256, Searcher.K_LOOKUP + 1);
    fill(255, 1);
    search(30);
    requests.queries.getFirst().answer().completeExceptionally(new TimeoutException());
    assertThat(table.distance(requests.queries.getLast().registrar().nodeId())).isEqualTo(256);
  }

  @Test
  void endsWhenNoCandidatesAreLeft() {
    for (NodeRecord r : fill(256, 2)) answer(r, List.of());
    NodeRecord dead = fill(255, 1).getFirst();
    requests.unreachable.add(dead.nodeId());
    assertThat(search(30)).isCompletedWithValue(List.of());
    assertThat(requests.queries).hasSize(3);
  }

  @Test
  void auxiliaryRecordsLeadTheSearchInward() {
    NodeRecord far = fill(256, 1).getFirst();
    NodeRecord near = Nodes.at(TOPIC, 250);
    NodeRecord advertiser = Nodes.record(PrivateKey.random(), 1);
    answers.put(far.nodeId(), new QueryResult(List.of(), List.of(near)));
    answer(near, List.of(advertiser));
    assertThat(search(30).join()).containsExactly(advertiser);
    assertThat(requests.queryTargets()).containsExactly(far.nodeId(), near.nodeId());
  }

  @Test
  void aCallbackThatThrowsDoesNotStopTheSearch() {
    for (NodeRecord r : fill(256, 2)) answer(r, advertisers(3));
    CompletableFuture<List<NodeRecord>> result =
        searcher.search(
            30,
            ad -> {
              throw new IllegalStateException("the application's bug");
            });
    assertThat(result.join()).hasSize(6);
  }

  @Test
  void cancellingTheResultStopsTheSearch() {
    fill(256, Searcher.K_LOOKUP + 1);
    CompletableFuture<List<NodeRecord>> result = search(30);
    result.cancel(false);
    complete(requests.queries.getFirst(), advertisers(2));
    assertThat(requests.queries).hasSize(Searcher.K_LOOKUP);
    assertThat(yielded).isEmpty();
  }
}
