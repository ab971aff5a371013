package org.jdevp2p.rlpx;

/**
 * The {@link Counters} view of one connection: counts into the node's shared counters and keeps the
 * first failure of this connection, so that when a lower stage (handshake, framing) closes the
 * channel on its own, {@link P2pHandler} can still report why and that it was our decision.
 */
final class ConnectionCounters implements Counters {
  private final Counters shared;
  private volatile FailureReason first;

  ConnectionCounters(Counters shared) {
    this.shared = shared;
  }

  @Override
  public void increment(FailureReason reason) {
    if (first == null) first = reason;
    shared.increment(reason);
  }

  @Override
  public long count(FailureReason reason) {
    return shared.count(reason);
  }

  /** The first failure counted on this connection, or null. */
  FailureReason firstFailure() {
    return first;
  }
}
