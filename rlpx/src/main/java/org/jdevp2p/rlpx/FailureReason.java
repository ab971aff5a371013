package org.jdevp2p.rlpx;

/** Why the transport gave up on a connection; each one is counted by {@link Counters}. */
public enum FailureReason {
  /** The handshake did not finish within the configured deadline (geth: 5 s). */
  HANDSHAKE_TIMEOUT,
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
  MALFORMED_FRAME
}
