package org.jdevp2p.rlpx;

import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.rlp.InvalidRlpException;
import org.jdevp2p.rlp.StrictRlp;

/**
 * The messages of the "p2p" base protocol (devp2p rlpx.md, "p2p Capability"): ids 0x00 to 0x03 of
 * the 16 ids it reserves.
 */
sealed interface P2pMessage permits Hello, Disconnect, Ping, Pong {

  /**
   * Ids 0x00..0x0f belong to p2p; sub-protocols start at 0x10 (geth baseProtocolLength). Ids
   * 0x04..0x0f are reserved: geth discards them, and so do we.
   */
  int BASE_PROTOCOL_LENGTH = 16;

  int code();

  /** The RLP payload, before any compression. */
  Bytes encode();

  /**
   * Decodes a p2p message. Throws {@link RlpxException} for malformed RLP, trailing bytes or a
   * reserved id.
   */
  static P2pMessage decode(int code, Bytes payload) {
    return switch (code) {
      case Hello.CODE -> Hello.decode(payload);
      case Disconnect.CODE -> Disconnect.decode(payload);
      case Ping.CODE -> Ping.decode(payload);
      case Pong.CODE -> Pong.decode(payload);
      default ->
          throw new IllegalArgumentException("0x" + Integer.toHexString(code) + " is no p2p id");
    };
  }

  /**
   * Fails unless the payload is exactly one canonical RLP item, nested items included: trailing
   * bytes and non-canonical encodings inside skipped elements are rejected too.
   */
  static void requireSingleItem(Bytes payload, String what) {
    try {
      StrictRlp.checkItem(payload);
    } catch (InvalidRlpException e) {
      throw new RlpxException(
          FailureReason.BAD_MESSAGE, "malformed " + what + ": " + e.getMessage());
    }
  }

  /** Ping and Pong carry an empty list; geth ignores any content, we accept any list. */
  static void requireList(Bytes payload, String what) {
    requireSingleItem(payload, what);
    if (!RLP.isList(payload))
      throw new RlpxException(FailureReason.BAD_MESSAGE, what + " not a list");
  }
}
