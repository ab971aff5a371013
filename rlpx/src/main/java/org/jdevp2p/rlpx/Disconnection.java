package org.jdevp2p.rlpx;

/** How a connection ended: the Disconnect reason, and which side gave it. */
public record Disconnection(Disconnect.Reason reason, Side side) {

  /** Who ended the connection. */
  public enum Side {
    /** We sent the Disconnect (or closed: quitting, a failure we detected). */
    LOCAL,
    /** The peer sent the Disconnect, or closed the socket without one. */
    REMOTE
  }

  @Override
  public String toString() {
    return (side == Side.LOCAL ? "we disconnected: " : "peer disconnected: ") + reason;
  }
}
