package org.jdevp2p.rlpx;

import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPException;

/** p2p message 0x01: the sender is about to close the connection, and says why. */
public record Disconnect(Reason reason) implements P2pMessage {

  static final int CODE = 0x01;

  /** The reason table of the devp2p rlpx spec, with geth's constant names in the comments. */
  public enum Reason {
    /** DiscRequested. */
    REQUESTED(0x00, "disconnect requested"),
    /** DiscNetworkError. */
    NETWORK_ERROR(0x01, "TCP sub-system error"),
    /** DiscProtocolError. */
    PROTOCOL_ERROR(0x02, "breach of protocol"),
    /** DiscUselessPeer. */
    USELESS_PEER(0x03, "useless peer"),
    /** DiscTooManyPeers. */
    TOO_MANY_PEERS(0x04, "too many peers"),
    /** DiscAlreadyConnected. */
    ALREADY_CONNECTED(0x05, "already connected"),
    /** DiscIncompatibleVersion. */
    INCOMPATIBLE_VERSION(0x06, "incompatible p2p protocol version"),
    /** DiscInvalidIdentity. */
    INVALID_IDENTITY(0x07, "invalid node identity"),
    /** DiscQuitting. */
    QUITTING(0x08, "client quitting"),
    /** DiscUnexpectedIdentity. */
    UNEXPECTED_IDENTITY(0x09, "unexpected identity"),
    /** DiscSelf. */
    SELF(0x0a, "connected to self"),
    /** DiscReadTimeout. */
    READ_TIMEOUT(0x0b, "read timeout"),
    /** DiscSubprotocolError. */
    SUBPROTOCOL_ERROR(0x10, "subprotocol error"),
    /**
     * geth's DiscInvalid: what a reason we cannot read becomes. Never sent: a peer that sends an
     * unknown number still disconnects, and this records that we could not tell why.
     */
    INVALID(0xff, "invalid disconnect reason");

    private final int code;
    private final String description;

    Reason(int code, String description) {
      this.code = code;
      this.description = description;
    }

    public int code() {
      return code;
    }

    public String description() {
      return description;
    }

    /** The reason with this code, or {@link #INVALID} for a number outside the table. */
    public static Reason of(long code) {
      for (Reason r : values()) {
        if (r.code == code && r != INVALID) return r;
      }
      return INVALID;
    }

    @Override
    public String toString() {
      return description + " (0x" + Integer.toHexString(code) + ")";
    }
  }

  public Disconnect {
    if (reason == null) throw new IllegalArgumentException("disconnect reason is null");
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    if (reason == Reason.INVALID) throw new IllegalStateException("INVALID is never sent");
    return RLP.encodeList(w -> w.writeInt(reason.code));
  }

  /**
   * Reads {@code [reason]}; also a bare integer (geth's legacy path, and ethereumjs after Snappy is
   * on) and an empty list, which geth's decoder reads as reason 0. A number outside the table
   * becomes {@link Reason#INVALID}.
   */
  static Disconnect decode(Bytes payload) {
    try {
      long code;
      if (RLP.isList(payload)) {
        code =
            RLP.decodeList(
                payload,
                r -> {
                  long c = r.isComplete() ? 0 : r.readLong();
                  while (!r.isComplete()) r.skipNext();
                  return c;
                });
        P2pMessage.requireSingleItem(payload, "Disconnect");
      } else {
        code = RLP.decodeLong(payload);
        P2pMessage.requireSingleItem(payload, "Disconnect");
      }
      return new Disconnect(Reason.of(code));
    } catch (RLPException e) {
      throw new RlpxException(FailureReason.BAD_MESSAGE, "malformed Disconnect: " + e.getMessage());
    }
  }
}
