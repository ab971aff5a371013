package org.jdevp2p.rlpx;

/** A peer broke a rule of the protocol; {@link #failure()} names which, and so the reason sent. */
final class ProtocolException extends RuntimeException {
  private final Failure failure;

  ProtocolException(Failure failure, String message) {
    super(message, null, false, false);
    this.failure = failure;
  }

  Failure failure() {
    return failure;
  }
}
