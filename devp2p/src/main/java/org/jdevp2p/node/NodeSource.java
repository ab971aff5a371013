package org.jdevp2p.node;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdevp2p.enr.NodeRecord;

/**
 * A stream of candidate nodes, the contract between discovery and transport (geth's
 * enode.Iterator): discv5 lookups, a DNS list or static peers produce them, the dialer takes them.
 * A source may end by itself (a finite list) or run until closed (discovery). Implementations are
 * thread-safe: {@link #close} may be called from any thread and wakes a blocked {@link #next}.
 */
public interface NodeSource extends AutoCloseable {

  /** Waits up to timeout for the next candidate; empty on timeout or once closed. */
  Optional<NodeRecord> next(Duration timeout) throws InterruptedException;

  /** Whether the source has ended: closed, or a finite source that has handed out everything. */
  boolean isClosed();

  /** Ends the source; a blocked {@link #next} returns empty. Closing twice does nothing. */
  @Override
  void close();

  /** The candidates of this source that pass the filter; closing the result closes this one. */
  default NodeSource filter(NodeFilter filter) {
    return new FilteredSource(this, filter);
  }

  /** A finite source that hands out these records in order, then ends. */
  static NodeSource of(Collection<NodeRecord> nodes) {
    return new ListSource(List.copyOf(nodes));
  }

  /**
   * Takes from every source in turn, so that a busy source cannot starve a quiet one (geth's
   * enode.FairMix, without its goroutine per source). A source that ends is left out; the mix ends
   * when all have ended, and closing it closes them all.
   */
  static NodeSource fairMix(List<NodeSource> sources) {
    return new FairMix(List.copyOf(sources));
  }
}
