package org.jdevp2p.rlpx;

import java.io.IOException;

/**
 * A dial that ended before the peer was connected: the handshake or the Hello exchange failed, or
 * the peer sent Disconnect. {@link #failure()} names what we found wrong, when it was us.
 */
public final class PeerDisconnectedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Disconnection disconnection;
  private final FailureReason failure;

  PeerDisconnectedException(Disconnection disconnection, FailureReason failure) {
    super(disconnection + (failure != null ? " [" + failure + "]" : ""));
    this.disconnection = disconnection;
    this.failure = failure;
  }

  public Disconnection disconnection() {
    return disconnection;
  }

  /** Why we gave up on the peer, or null when the peer ended it. */
  public FailureReason failure() {
    return failure;
  }
}
