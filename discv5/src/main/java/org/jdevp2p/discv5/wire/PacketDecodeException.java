package org.jdevp2p.discv5.wire;

/**
 * A datagram or the message inside it was rejected. The {@link Reason} says what was wrong, so that
 * the service can drop the packet and count drops by reason; nothing about the packet is trusted.
 */
public final class PacketDecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a packet was dropped. */
  public enum Reason {
    /** Shorter than the 63-byte minimum, or than its header says it must be. */
    TOO_SHORT,
    /** Longer than the 1280-byte maximum. */
    TOO_LARGE,
    /** The unmasked protocol id is not "discv5": not discv5, or masked for another node id. */
    BAD_PROTOCOL_ID,
    /** Header version below 1 (geth {@code errMinVersion}). */
    UNSUPPORTED_VERSION,
    /** A flag other than 0 (message), 1 (WHOAREYOU), 2 (handshake). */
    BAD_FLAG,
    /** authdata-size beyond the packet, or wrong for the flag. */
    BAD_AUTHDATA_SIZE,
    /** Handshake sig-size or eph-key-size other than the "v4" scheme's 64 and 33. */
    BAD_HANDSHAKE_AUTHDATA,
    /** Bytes after a WHOAREYOU's authdata: WHOAREYOU has no message part. */
    TRAILING_DATA,
    /** AES-GCM authentication failed: wrong key, no session, or a tampered packet. */
    MESSAGE_DECRYPT,
    /** The handshake's id-signature does not verify against the sender's key. */
    BAD_ID_SIGNATURE,
    /** The handshake's ephemeral public key is not a point on secp256k1. */
    BAD_EPHEMERAL_KEY,
    /** A node record (in a handshake or in NODES) is malformed, too large or badly signed. */
    BAD_RECORD,
    /** A handshake without a record from a node whose record we do not hold. */
    NO_RECORD,
    /** The decrypted message is empty: no message-type byte. */
    EMPTY_MESSAGE,
    /** The message body is not the RLP its type requires (non-canonical, wrong shape). */
    BAD_MESSAGE,
    /** A request-id longer than 8 bytes (geth {@code ErrInvalidReqID}). */
    BAD_REQUEST_ID
  }

  private final Reason reason;

  public PacketDecodeException(Reason reason, String message) {
    this(reason, message, null);
  }

  // No stack trace: a flood of bad packets must cost little to reject, and the reason says it all.
  public PacketDecodeException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
