package org.jdevp2p.rlpx.eth;

/**
 * An eth message that does not decode: malformed or non-canonical RLP, a wrong element count or
 * length, a code that is not part of the negotiated version. geth ends the protocol for any of
 * these, which its p2p layer turns into Disconnect "subprotocol error" (0x10).
 */
public final class InvalidEthMessageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidEthMessageException(String message) {
    super(message);
  }

  public InvalidEthMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
