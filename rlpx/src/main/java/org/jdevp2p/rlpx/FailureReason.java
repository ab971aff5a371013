package org.jdevp2p.rlpx;

/** Why the transport gave up on a connection; each one is counted by {@link Counters}. */
public enum FailureReason {
  /** The handshake did not finish within the configured deadline (geth: 5 s). */
  HANDSHAKE_TIMEOUT,
  /**
   * An inbound connection arrived while {@link RlpxTransport.Builder#maxPendingInbound} others were
   * still in their handshake or Hello (geth MaxPendingPeers); closed before any handshake work.
   */
  TOO_MANY_PENDING,
  /** The peer closed the connection before the handshake finished. */
  HANDSHAKE_CLOSED_EARLY,
  /** An auth or ack size prefix announced more than the 2 KiB limit. */
  HANDSHAKE_TOO_LARGE,
  /**
   * ECIES could not decrypt an auth or ack: too short, an ephemeral key off the curve, or a MAC
   * that does not match (also what an ack from a key other than the one we dialed looks like).
   */
  HANDSHAKE_DECRYPT_FAILED,
  /** A decrypted auth or ack body is not what EIP-8 describes (RLP, key, signature). */
  HANDSHAKE_MALFORMED,
  /** The auth's expiration time has passed. */
  AUTH_EXPIRED,
  /** The auth's expiration time lies further in the future than the window allows. */
  AUTH_FROM_FUTURE,
  /** The auth's initiator nonce was seen before, inside the window. */
  AUTH_REPLAYED,
  /** Strict mode: the auth carries no expiration time. */
  AUTH_EXPIRATION_MISSING,
  /** A frame header MAC does not match. */
  BAD_HEADER_MAC,
  /** A frame body MAC does not match. */
  BAD_FRAME_MAC,
  /** A frame header announced more than the configured frame size limit. */
  FRAME_TOO_LARGE,
  /** A frame's data does not start with a canonical RLP message id. */
  MALFORMED_FRAME,

  // The p2p base protocol, above the frames (P2pHandler). Each names the Disconnect it earns.

  /** Malformed RLP, trailing bytes, or a message that is not what its id says. */
  BAD_MESSAGE,
  /** A Hello over 2 KiB (geth baseProtocolMaxMsgSize). */
  HELLO_TOO_LARGE,
  /** A Snappy payload that is not a valid block or does not decode to its announced length. */
  BAD_SNAPPY,
  /** A Snappy header announcing more than 16 MiB (geth maxUint24); nothing was decompressed. */
  SNAPPY_TOO_LARGE,
  /** A message id outside p2p and outside every shared capability. */
  UNKNOWN_MESSAGE_ID,
  /** A message other than Hello or Disconnect before the peer's Hello. */
  MESSAGE_BEFORE_HELLO,
  /** A Hello after the first. */
  SECOND_HELLO,
  /** The Hello's node key is not 64 bytes of a point on the curve (geth DiscInvalidIdentity). */
  INVALID_IDENTITY,
  /** The Hello's node key is not the key that did the handshake (geth DiscUnexpectedIdentity). */
  UNEXPECTED_IDENTITY,
  /** The peer is ourselves (geth DiscSelf). */
  SELF,
  /** No capability in common (geth DiscUselessPeer). */
  USELESS_PEER,
  /** No Hello within the deadline after the handshake. */
  HELLO_TIMEOUT,
  /** Nothing read within the read deadline although we pinged (geth frameReadTimeout). */
  READ_TIMEOUT,
  /**
   * The peer did not read: our outbound queue passed its bound or stayed full past the write
   * deadline (geth frameWriteTimeout). No Disconnect: it could not get through.
   */
  WRITE_STALLED,
  /** A sub-protocol handler failed on a message (geth discReasonForError). */
  SUBPROTOCOL_ERROR,
  /** The connection broke (I/O error) or the peer closed it without a Disconnect. */
  NETWORK_ERROR,
  /** Something unexpected failed on our side while handling the peer. */
  INTERNAL_ERROR
}
