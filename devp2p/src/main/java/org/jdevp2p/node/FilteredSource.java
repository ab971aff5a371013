package org.jdevp2p.node;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jdevp2p.enr.NodeRecord;

/** {@link NodeSource#filter}: skips the candidates the filter refuses, within one timeout. */
final class FilteredSource implements NodeSource {
  private final NodeSource source;
  private final NodeFilter filter;

  FilteredSource(NodeSource source, NodeFilter filter) {
    this.source = Objects.requireNonNull(source, "source");
    this.filter = Objects.requireNonNull(filter, "filter");
  }

  @Override
  public Optional<NodeRecord> next(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      Optional<NodeRecord> node = source.next(left);
      if (node.isEmpty() || filter.test(node.get())) return node;
    }
  }

  @Override
  public boolean isClosed() {
    return source.isClosed();
  }

  @Override
  public void close() {
    source.close();
  }
}
