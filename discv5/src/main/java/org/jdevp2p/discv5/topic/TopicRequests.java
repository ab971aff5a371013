package org.jdevp2p.discv5.topic;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.enr.NodeRecord;

/**
 * The topic requests an advertiser and a searcher send, as the protocol offers them. Futures
 * complete on the protocol's event loop (or the simulation's thread); they fail on timeout, on a
 * malformed answer, or when the node does not carry {@link TopicCapability}.
 */
public interface TopicRequests {

  /**
   * REGTOPIC with our current record: {@code ticket} empty on a first attempt, else the latest
   * ticket this registrar gave us; {@code distances} are the buckets of our topic table with free
   * space, at most {@link #MAX_DISTANCES}.
   */
  CompletableFuture<Registration> regTopic(
      NodeRecord registrar, Bytes32 topic, Bytes ticket, List<Integer> distances);

  /** TOPICQUERY; {@code distances} as for {@link #regTopic}. */
  CompletableFuture<QueryResult> topicQuery(
      NodeRecord registrar, Bytes32 topic, List<Integer> distances);

  /** PING, to verify an auxiliary record before it enters a topic table. */
  CompletableFuture<?> ping(NodeRecord node);

  /** Distances per request (topics.md §8, ours). */
  int MAX_DISTANCES = 16;
}
