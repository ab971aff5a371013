package org.jdevp2p.discv5;

/** Why an inbound packet, message or record was dropped; each is counted in {@link Metrics}. */
public enum DropReason {
  /** Larger than the 1280-byte maximum packet size. */
  OVERSIZED,
  /** From an address outside the configured networks (netrestrict): dropped before decoding. */
  NOT_ALLOWED,
  /** The header did not decode: random bytes, truncated, another node's packet, bad flag. */
  MALFORMED_PACKET,
  /**
   * An ordinary packet whose sender has a session with us failed AES-GCM (tampered, or the sender
   * lost its keys); the sender is challenged again.
   */
  DECRYPT_FAILED,
  /** A handshake arrived without a pending challenge for its sender (or replayed one). */
  NO_CHALLENGE,
  /** A handshake whose id-signature does not verify. */
  BAD_ID_SIGNATURE,
  /** A handshake whose ephemeral key is not on the curve. */
  BAD_EPHEMERAL_KEY,
  /** Another handshake failure: its message does not decrypt, its record is bad or missing. */
  BAD_HANDSHAKE,
  /** A WHOAREYOU that answers no packet of ours (or a second one for the same request). */
  UNEXPECTED_WHOAREYOU,
  /** Too small to be challenged without amplifying: smaller than the WHOAREYOU it would get. */
  TOO_SMALL_TO_CHALLENGE,
  /** An unsolicited packet over the per-IP or global rate limit. */
  RATE_LIMITED,
  /** The message decrypted but did not decode (bad RLP, wrong shape, bad record in it). */
  MALFORMED_MESSAGE,
  /** A request id longer than 8 bytes. */
  BAD_REQUEST_ID,
  /** A message type we do not speak; the session stays up. */
  UNKNOWN_MESSAGE,
  /** A response that matches no pending request of the sender. */
  UNSOLICITED_RESPONSE,
  /**
   * A NODES record that does not verify (the whole message goes), or one at a distance we did not
   * ask for or with an unusable address or port or outside the configured networks (that record
   * goes).
   */
  BAD_NODES_RECORD,
  /**
   * A REGTOPIC the registrar refused without an answer: its record is not the sender's or does not
   * state the address the packet came from (topics.md §4 step 1), or the registrar is overloaded.
   */
  TOPIC_REFUSED,
  /** A topic answer that broke the protocol: a second REGCONFIRMATION, or a changed total. */
  BAD_TOPIC_RESPONSE,
  /** Our own handler failed on the packet (a bug): dropped rather than thrown out of Netty. */
  INTERNAL_ERROR
}
