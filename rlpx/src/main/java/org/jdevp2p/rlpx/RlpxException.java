package org.jdevp2p.rlpx;

/** Bytes from a peer broke an RLPx rule; {@link #reason()} says which. */
public final class RlpxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureReason reason;

  public RlpxException(FailureReason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public RlpxException(FailureReason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public FailureReason reason() {
    return reason;
  }
}
