package org.jdevp2p.node;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdevp2p.enr.NodeRecord;

/** {@link NodeSource#of}: a fixed list, handed out once, in order, without waiting. */
final class ListSource implements NodeSource {
  private final List<NodeRecord> nodes;
  private int position;
  private boolean closed;

  ListSource(List<NodeRecord> nodes) {
    this.nodes = nodes;
  }

  @Override
  public synchronized Optional<NodeRecord> next(Duration timeout) {
    if (closed || position == nodes.size()) return Optional.empty();
    return Optional.of(nodes.get(position++));
  }

  @Override
  public synchronized boolean isClosed() {
    return closed || position == nodes.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}
