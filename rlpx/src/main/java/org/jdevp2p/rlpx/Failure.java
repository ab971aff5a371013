package org.jdevp2p.rlpx;

import org.jdevp2p.rlpx.Disconnect.Reason;

/**
 * Why we dropped a connection. {@link RlpxTransport#failures()} counts each; {@link #reason()} is
 * the Disconnect reason we send for it.
 */
public enum Failure {
  /** Malformed RLP, trailing bytes, or a message that is not what its id says. */
  BAD_MESSAGE(Reason.PROTOCOL_ERROR),
  /** A Hello over 2 KiB (geth baseProtocolMaxMsgSize). */
  HELLO_TOO_LARGE(Reason.PROTOCOL_ERROR),
  /** A Snappy payload that is not a valid block or does not decode to its announced length. */
  BAD_SNAPPY(Reason.PROTOCOL_ERROR),
  /** A Snappy header announcing more than 16 MiB (geth maxUint24); nothing was decompressed. */
  SNAPPY_TOO_LARGE(Reason.PROTOCOL_ERROR),
  /** A message id outside p2p and outside every shared capability. */
  UNKNOWN_MESSAGE_ID(Reason.PROTOCOL_ERROR),
  /** A message other than Hello or Disconnect before the peer's Hello. */
  MESSAGE_BEFORE_HELLO(Reason.PROTOCOL_ERROR),
  /** A Hello after the first. */
  SECOND_HELLO(Reason.PROTOCOL_ERROR),
  /** The Hello's node key is not a point on the curve (geth DiscInvalidIdentity). */
  INVALID_IDENTITY(Reason.INVALID_IDENTITY),
  /** The Hello's node key is not the key that did the handshake (geth DiscUnexpectedIdentity). */
  UNEXPECTED_IDENTITY(Reason.UNEXPECTED_IDENTITY),
  /** The peer is ourselves (geth DiscSelf). */
  SELF(Reason.SELF),
  /** No capability in common (geth DiscUselessPeer). */
  USELESS_PEER(Reason.USELESS_PEER),
  /** No Hello within the handshake deadline. */
  HELLO_TIMEOUT(Reason.READ_TIMEOUT),
  /** Nothing read within the read deadline although we pinged. */
  READ_TIMEOUT(Reason.READ_TIMEOUT),
  /**
   * The peer did not read: our outbound queue passed its bound or stayed full past the write
   * deadline. geth's frameWriteTimeout ends such a peer as a network error.
   */
  WRITE_STALLED(Reason.NETWORK_ERROR),
  /** A sub-protocol handler failed on a message (geth discReasonForError). */
  SUBPROTOCOL_ERROR(Reason.SUBPROTOCOL_ERROR),
  /** The connection broke (I/O error) or the peer closed it without a Disconnect. */
  NETWORK_ERROR(Reason.NETWORK_ERROR),
  /** Anything else that went wrong on our side while handling the peer. */
  INTERNAL_ERROR(Reason.NETWORK_ERROR);

  private final Reason reason;

  Failure(Reason reason) {
    this.reason = reason;
  }

  /** The Disconnect reason sent to the peer for this failure. */
  public Reason reason() {
    return reason;
  }
}
