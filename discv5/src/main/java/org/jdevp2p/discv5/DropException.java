package org.jdevp2p.discv5;

/** A packet to drop, and why; thrown by the {@link Codec} and caught by the event loop. */
final class DropException extends Exception {
  private static final long serialVersionUID = 1L;

  private final DropReason reason;

  DropException(DropReason reason, String message) {
    // No stack trace: floods of bad packets must be cheap to reject.
    super(reason + ": " + message, null, false, false);
    this.reason = reason;
  }

  DropReason reason() {
    return reason;
  }
}
