package org.jdevp2p.discv5;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;

/**
 * Polls the sockets without blocking for a short while before the event loop goes to sleep in
 * epoll_wait. A request and its answer on loopback or a LAN are tens of microseconds apart, about
 * what waking a sleeping thread costs on a virtual machine; a loop that is still polling when the
 * answer lands skips that wake-up. Go's scheduler spins for the same reason before parking. The
 * price is CPU: at most {@code spinNanos} per loop iteration that finds nothing to do.
 */
final class SpinningSelectStrategy implements SelectStrategy {
  private final long spinNanos;

  SpinningSelectStrategy(long spinNanos) {
    this.spinNanos = spinNanos;
  }

  @Override
  public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
    if (hasTasks) return selectNow.get();
    long deadline = System.nanoTime() + spinNanos;
    do {
      int ready = selectNow.get();
      if (ready != 0) return ready;
      Thread.onSpinWait();
    } while (System.nanoTime() - deadline < 0);
    return SelectStrategy.SELECT;
  }
}
