package org.jdevp2p.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdevp2p.enr.NodeRecord;

/**
 * {@link NodeSource#fairMix}. Each call first asks every source without waiting, starting with the
 * one whose turn it is, so a source that has a candidate ready is served at once and, when several
 * have, they take turns. When none has one, it waits on the source whose turn it is for at most
 * {@link #WAIT_SLICE}, then moves the turn on. No thread of its own: the caller's thread does the
 * waiting.
 */
final class FairMix implements NodeSource {
  /**
   * How long one source is waited on before the others are asked again: the longest a candidate
   * that arrives at another source sits unseen. Far below geth's discmixTimeout (100 ms), which
   * bounds the same delay in its FairMix, at the cost of 50 wake-ups a second while all are idle.
   */
  static final Duration WAIT_SLICE = Duration.ofMillis(20);

  /** Every source, to close them; immutable. */
  private final List<NodeSource> all;

  /** The sources that have not ended yet; guarded by this. */
  private final List<NodeSource> sources;

  /** Index into sources of the one asked first; guarded by this. */
  private int turn;

  private volatile boolean closed;

  FairMix(List<NodeSource> sources) {
    this.all = sources;
    this.sources = new ArrayList<>(sources);
  }

  @Override
  public synchronized Optional<NodeRecord> next(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!closed) {
      sources.removeIf(NodeSource::isClosed);
      if (sources.isEmpty()) {
        closed = true;
        break;
      }
      turn %= sources.size();
      for (int i = 0; i < sources.size(); i++) {
        int index = (turn + i) % sources.size();
        Optional<NodeRecord> node = sources.get(index).next(Duration.ZERO);
        if (node.isPresent()) {
          turn = index + 1;
          return node;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) break;
      Optional<NodeRecord> node =
          sources.get(turn).next(Duration.ofNanos(Math.min(left, WAIT_SLICE.toNanos())));
      turn++;
      if (node.isPresent()) return node;
    }
    return Optional.empty();
  }

  @Override
  public boolean isClosed() {
    return closed || all.stream().allMatch(NodeSource::isClosed);
  }

  /** Closes every source, which also wakes a caller blocked in {@link #next}. */
  @Override
  public void close() {
    closed = true;
    // without the lock: next() holds it while it waits on one of these sources
    all.forEach(NodeSource::close);
  }
}
