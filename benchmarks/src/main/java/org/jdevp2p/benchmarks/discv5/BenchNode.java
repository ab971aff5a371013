package org.jdevp2p.benchmarks.discv5;

import java.util.concurrent.CompletableFuture;

/**
 * A discv5 node under benchmark. Nodes only talk to nodes of their own implementation, and each
 * keeps the peer's record in its library's own form so that the measured path holds no conversion.
 */
interface BenchNode extends AutoCloseable {

  /** Sends PING to {@code server} (a node of the same implementation); completes on its PONG. */
  CompletableFuture<Void> ping(BenchNode server);

  @Override
  void close();
}
