package org.jdevp2p.discv5.topic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * Registrars in a map: each request is recorded with its future, which a test completes by hand,
 * unless an answer function is set, which answers at once. PINGs succeed at once unless the node is
 * unreachable.
 */
final class FakeRequests implements TopicRequests {

  record RegCall(
      NodeRecord registrar,
      Bytes32 topic,
      Bytes ticket,
      List<Integer> distances,
      CompletableFuture<Registration> answer) {}

  record QueryCall(
      NodeRecord registrar,
      Bytes32 topic,
      List<Integer> distances,
      CompletableFuture<QueryResult> answer) {}

  final List<RegCall> regs = new ArrayList<>();
  final List<QueryCall> queries = new ArrayList<>();
  final List<NodeRecord> pinged = new ArrayList<>();
  final Set<NodeId> unreachable = new HashSet<>();

  /** Answers TOPICQUERY at once when set; a null answer leaves the request open. */
  Function<NodeRecord, QueryResult> queryAnswers = r -> null;

  @Override
  public CompletableFuture<Registration> regTopic(
      NodeRecord registrar, Bytes32 topic, Bytes ticket, List<Integer> distances) {
    CompletableFuture<Registration> answer = new CompletableFuture<>();
    regs.add(new RegCall(registrar, topic, ticket, List.copyOf(distances), answer));
    if (unreachable.contains(registrar.nodeId())) answer.completeExceptionally(timeout());
    return answer;
  }

  @Override
  public CompletableFuture<QueryResult> topicQuery(
      NodeRecord registrar, Bytes32 topic, List<Integer> distances) {
    CompletableFuture<QueryResult> answer = new CompletableFuture<>();
    queries.add(new QueryCall(registrar, topic, List.copyOf(distances), answer));
    if (unreachable.contains(registrar.nodeId())) {
      answer.completeExceptionally(timeout());
    } else {
      QueryResult result = queryAnswers.apply(registrar);
      if (result != null) answer.complete(result);
    }
    return answer;
  }

  @Override
  public CompletableFuture<?> ping(NodeRecord node) {
    pinged.add(node);
    return unreachable.contains(node.nodeId())
        ? CompletableFuture.failedFuture(timeout())
        : CompletableFuture.completedFuture(null);
  }

  /** The registrars asked so far, in order. */
  List<NodeId> regTargets() {
    return regs.stream().map(c -> c.registrar().nodeId()).toList();
  }

  List<NodeId> queryTargets() {
    return queries.stream().map(c -> c.registrar().nodeId()).toList();
  }

  /** REGTOPICs still waiting for an answer. */
  List<RegCall> openRegs() {
    return regs.stream().filter(c -> !c.answer().isDone()).toList();
  }

  List<QueryCall> openQueries() {
    return queries.stream().filter(c -> !c.answer().isDone()).toList();
  }

  private static TimeoutException timeout() {
    return new TimeoutException("no answer");
  }
}
