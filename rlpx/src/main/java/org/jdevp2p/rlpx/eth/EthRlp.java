package org.jdevp2p.rlpx.eth;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPWriter;
import org.jdevp2p.eth.ForkId;
import org.jdevp2p.eth.InvalidForkIdException;
import org.jdevp2p.rlp.InvalidRlpException;
import org.jdevp2p.rlp.StrictRlp;

/**
 * Reading and writing the pieces eth messages are made of. Every reader takes one RLP item that
 * {@link StrictRlp} has already found canonical (as part of the whole payload), checks its shape
 * and fails with an {@link InvalidEthMessageException} that names the field.
 */
final class EthRlp {

  /** Largest total difficulty read: geth's big.Int has no bound, uint256 is plenty for any TD. */
  static final int MAX_BIG_UINT_BYTES = 32;

  /** Largest eth/68+ typed-transaction or typed-receipt type byte (EIP-2718: 0x00–0x7f). */
  private static final int MAX_TX_TYPE = 0x7f;

  private EthRlp() {}

  /** Any element count, for {@link #message}. */
  static final int ANY_SIZE = -1;

  /**
   * The elements of the payload's top-level list, after checking the whole payload; exactly {@code
   * size} of them unless {@link #ANY_SIZE}.
   */
  static List<Bytes> message(Bytes payload, String name, int size) {
    try {
      List<Bytes> items = StrictRlp.listItems(payload);
      if (size != ANY_SIZE && items.size() != size) {
        throw new InvalidEthMessageException(
            name + " must have " + size + " elements, got " + items.size());
      }
      return items;
    } catch (InvalidRlpException e) {
      throw new InvalidEthMessageException(name + ": " + e.getMessage(), e);
    }
  }

  /** The elements of a nested list. */
  static List<Bytes> list(Bytes item, String what) {
    if (!StrictRlp.isList(item)) throw new InvalidEthMessageException(what + " must be a list");
    return StrictRlp.listItems(item);
  }

  /** The elements of a nested list of exactly {@code size} elements. */
  static List<Bytes> list(Bytes item, String what, int size) {
    List<Bytes> items = list(item, what);
    if (items.size() != size) {
      throw new InvalidEthMessageException(
          what + " must have " + size + " elements, got " + items.size());
    }
    return items;
  }

  /** Each element of a list, read by {@code reader}. */
  static <T> List<T> listOf(Bytes item, String what, Function<Bytes, T> reader) {
    List<Bytes> items = list(item, what);
    List<T> out = new ArrayList<>(items.size());
    for (Bytes element : items) out.add(reader.apply(element));
    return List.copyOf(out);
  }

  /** A byte string (not a list). */
  static Bytes string(Bytes item, String what) {
    if (StrictRlp.isList(item)) throw new InvalidEthMessageException(what + " must be a string");
    return StrictRlp.readBytes(item);
  }

  /**
   * A canonical unsigned integer of at most 64 bits; values of 2^63 and more come back negative.
   */
  static long uint64(Bytes item, String what) {
    if (StrictRlp.isList(item)) throw new InvalidEthMessageException(what + " must be an integer");
    try {
      return StrictRlp.readUInt64(item);
    } catch (InvalidRlpException e) {
      throw new InvalidEthMessageException(what + ": " + e.getMessage(), e);
    }
  }

  /** A canonical unsigned integer that fits 32 bits (geth {@code uint32}). */
  static int uint32(Bytes item, String what) {
    long value = uint64(item, what);
    if (Long.compareUnsigned(value, 0xffff_ffffL) > 0) {
      throw new InvalidEthMessageException(what + " exceeds 32 bits");
    }
    return (int) value;
  }

  /** A boolean encoded as the integer 0 or 1 (geth's rlp bool: 0x80 or 0x01). */
  static boolean bool(Bytes item, String what) {
    long value = uint64(item, what);
    if (value != 0 && value != 1) throw new InvalidEthMessageException(what + " must be 0 or 1");
    return value == 1;
  }

  /** A canonical unsigned integer of at most {@value #MAX_BIG_UINT_BYTES} bytes. */
  static BigInteger bigUInt(Bytes item, String what) {
    Bytes value = string(item, what);
    if (value.size() > MAX_BIG_UINT_BYTES) {
      throw new InvalidEthMessageException(what + " exceeds " + MAX_BIG_UINT_BYTES + " bytes");
    }
    if (!value.isEmpty() && value.get(0) == 0) {
      throw new InvalidEthMessageException(what + " has a leading zero byte");
    }
    return value.toUnsignedBigInteger();
  }

  /** A 32-byte hash. */
  static Bytes32 hash(Bytes item, String what) {
    Bytes value = string(item, what);
    if (value.size() != Bytes32.SIZE) {
      throw new InvalidEthMessageException(
          what + " must be " + Bytes32.SIZE + " bytes, got " + value.size());
    }
    return Bytes32.wrap(value);
  }

  static List<Bytes32> hashes(Bytes item, String what) {
    return listOf(item, what, h -> hash(h, what + " element"));
  }

  static ForkId forkId(Bytes item) {
    try {
      return ForkId.decode(item);
    } catch (InvalidForkIdException e) {
      throw new InvalidEthMessageException(e.getMessage(), e);
    }
  }

  /** An opaque RLP list (a header, a body, a block): returned as its encoding. */
  static Bytes opaqueList(Bytes item, String what) {
    if (!StrictRlp.isList(item)) throw new InvalidEthMessageException(what + " must be a list");
    return item;
  }

  static List<Bytes> opaqueLists(Bytes item, String what) {
    return listOf(item, what, element -> opaqueList(element, what + " element"));
  }

  /**
   * A transaction, or an eth/68 receipt: a legacy one is an RLP list, a typed one (EIP-2718) a byte
   * string {@code type || payload} with a type of 0x00–0x7f. Returned as its encoding.
   */
  static Bytes typedOrLegacy(Bytes item, String what) {
    if (StrictRlp.isList(item)) return item;
    Bytes content = StrictRlp.readBytes(item);
    if (content.isEmpty()) throw new InvalidEthMessageException("empty typed " + what);
    if ((content.get(0) & 0xff) > MAX_TX_TYPE) {
      throw new InvalidEthMessageException(
          what + " type 0x" + Integer.toHexString(content.get(0) & 0xff) + " is not 0x00–0x7f");
    }
    return item;
  }

  static List<Bytes> transactions(Bytes item) {
    return listOf(item, "transactions", tx -> typedOrLegacy(tx, "transaction"));
  }

  static Bytes encodeList(Consumer<RLPWriter> body) {
    return RLP.encodeList(body);
  }

  /** Writes an unsigned 64-bit integer (tuweni's writeLong writes a negative long as one byte). */
  static void writeUInt64(RLPWriter writer, long value) {
    writer.writeValue(Bytes.minimalBytes(value));
  }

  static void writeBigUInt(RLPWriter writer, BigInteger value) {
    writer.writeValue(
        value.signum() == 0 ? Bytes.EMPTY : Bytes.wrap(value.toByteArray()).trimLeadingZeros());
  }

  static void writeHashes(RLPWriter writer, List<Bytes32> hashes) {
    writer.writeList(list -> hashes.forEach(list::writeValue));
  }

  /** Writes a list of already encoded items. */
  static void writeItems(RLPWriter writer, List<Bytes> items) {
    writer.writeList(list -> items.forEach(list::writeRLP));
  }

  /** {@code [request-id, inner]}: the EIP-2481 wrapping of eth/66+ requests and responses. */
  record Wrapped(long requestId, Bytes inner) {}

  static Wrapped wrapped(Bytes payload, String name) {
    List<Bytes> f = message(payload, name, 2);
    return new Wrapped(uint64(f.get(0), name + " request id"), f.get(1));
  }

  /** {@code [request-id, [hash, ...]]}. */
  static Bytes encodeHashRequest(long requestId, List<Bytes32> hashes) {
    return encodeList(
        w -> {
          writeUInt64(w, requestId);
          writeHashes(w, hashes);
        });
  }

  /** {@code [request-id, [item, ...]]} with already encoded items. */
  static Bytes encodeItemResponse(long requestId, List<Bytes> items) {
    return encodeList(
        w -> {
          writeUInt64(w, requestId);
          writeItems(w, items);
        });
  }
}
