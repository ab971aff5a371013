package org.jdevp2p.rlpx.eth;

import static org.jdevp2p.rlpx.eth.EthVersion.ETH68;
import static org.jdevp2p.rlpx.eth.EthVersion.ETH69;
import static org.jdevp2p.rlpx.eth.EthVersion.ETH70;
import static org.jdevp2p.rlpx.eth.EthVersion.ETH71;
import static org.jdevp2p.rlpx.eth.EthVersion.ETH72;

import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.rlp.InvalidRlpException;

/**
 * Bytes to eth messages and back, per negotiated version. No I/O and no state: the handler feeds it
 * (code, payload) pairs from the sub-protocol API. Which messages each version has follows geth's
 * per-version handler maps (eth69plus.md §2): NewBlockHashes and NewBlock are eth/68 only; a code
 * that is not part of the version is an error, as geth's {@code errInvalidMsgCode}.
 */
public final class EthCodec {

  /**
   * geth {@code maxMessageSize}: any eth message of more than 10 MiB disconnects the peer. Checked
   * before decoding, so nothing is allocated for a bigger one.
   */
  public static final int MAX_MESSAGE_SIZE = 10 * 1024 * 1024;

  private EthCodec() {}

  /**
   * Decodes a message received on an {@code version} link.
   *
   * @param code relative to the eth offset
   * @throws InvalidEthMessageException naming what is wrong: size, code, RLP or shape
   */
  public static EthMessage decode(EthVersion version, int code, Bytes payload) {
    if (payload.size() > MAX_MESSAGE_SIZE) {
      throw new InvalidEthMessageException(
          "message of " + payload.size() + " bytes exceeds " + MAX_MESSAGE_SIZE);
    }
    try {
      return switch (code) {
        case Status.CODE -> version == ETH68 ? Status68.decode(payload) : Status69.decode(payload);
        case NewBlockHashes.CODE -> NewBlockHashes.decode(only(version, code, ETH68, payload));
        case Transactions.CODE -> Transactions.decode(payload);
        case GetBlockHeaders.CODE -> GetBlockHeaders.decode(payload);
        case BlockHeaders.CODE -> BlockHeaders.decode(payload);
        case GetBlockBodies.CODE -> GetBlockBodies.decode(payload);
        case BlockBodies.CODE -> BlockBodies.decode(payload);
        case NewBlock.CODE -> NewBlock.decode(only(version, code, ETH68, payload));
        case NewPooledTransactionHashes.CODE ->
            version == ETH72
                ? NewPooledTransactionHashes72.decode(payload)
                : NewPooledTransactionHashes.decode(payload);
        case GetPooledTransactions.CODE -> GetPooledTransactions.decode(payload);
        case PooledTransactions.CODE -> PooledTransactions.decode(payload);
        case GetReceipts.CODE ->
            version.atLeast(ETH70) ? GetReceipts70.decode(payload) : GetReceipts.decode(payload);
        case Receipts.CODE ->
            version.atLeast(ETH70)
                ? Receipts70.decode(payload, version)
                : Receipts.decode(payload, version);
        case BlockRangeUpdate.CODE -> BlockRangeUpdate.decode(from(version, code, ETH69, payload));
        case GetBlockAccessLists.CODE ->
            GetBlockAccessLists.decode(from(version, code, ETH71, payload));
        case BlockAccessLists.CODE -> BlockAccessLists.decode(from(version, code, ETH71, payload));
        case GetCells.CODE -> GetCells.decode(from(version, code, ETH72, payload));
        case Cells.CODE -> Cells.decode(from(version, code, ETH72, payload));
        default -> throw invalidCode(version, code);
      };
    } catch (InvalidRlpException e) {
      throw new InvalidEthMessageException("code 0x" + Integer.toHexString(code) + ": " + e, e);
    }
  }

  /**
   * Encodes a message for an {@code version} link.
   *
   * @throws IllegalArgumentException when the message does not exist in that version, or has the
   *     shape of another version (an eth/69 GetReceipts on eth/70 would make geth drop us)
   */
  public static Bytes encode(EthVersion version, EthMessage message) {
    if (!belongsTo(version, message)) {
      throw new IllegalArgumentException(
          message.getClass().getSimpleName() + " is not an " + version + " message");
    }
    return message.encode();
  }

  /** Whether {@code message} has the shape {@code version} uses for its code. */
  public static boolean belongsTo(EthVersion version, EthMessage message) {
    return switch (message) {
      case Status68 s -> version == ETH68;
      case Status69 s -> version.atLeast(ETH69);
      case NewBlockHashes m -> version == ETH68;
      case NewBlock m -> version == ETH68;
      case NewPooledTransactionHashes m -> version != ETH72;
      case NewPooledTransactionHashes72 m -> version == ETH72;
      case GetReceipts m -> !version.atLeast(ETH70);
      case Receipts m -> !version.atLeast(ETH70);
      case GetReceipts70 m -> version.atLeast(ETH70);
      case Receipts70 m -> version.atLeast(ETH70);
      case BlockRangeUpdate m -> version.atLeast(ETH69);
      case GetBlockAccessLists m -> version.atLeast(ETH71);
      case BlockAccessLists m -> version.atLeast(ETH71);
      case GetCells m -> version.atLeast(ETH72);
      case Cells m -> version.atLeast(ETH72);
      case Transactions m -> true;
      case GetBlockHeaders m -> true;
      case BlockHeaders m -> true;
      case GetBlockBodies m -> true;
      case BlockBodies m -> true;
      case GetPooledTransactions m -> true;
      case PooledTransactions m -> true;
    };
  }

  private static Bytes only(EthVersion version, int code, EthVersion wanted, Bytes payload) {
    if (version != wanted) throw invalidCode(version, code);
    return payload;
  }

  private static Bytes from(EthVersion version, int code, EthVersion first, Bytes payload) {
    if (!version.atLeast(first)) throw invalidCode(version, code);
    return payload;
  }

  private static InvalidEthMessageException invalidCode(EthVersion version, int code) {
    return new InvalidEthMessageException(
        "code 0x" + Integer.toHexString(code) + " is not an " + version + " message");
  }
}
