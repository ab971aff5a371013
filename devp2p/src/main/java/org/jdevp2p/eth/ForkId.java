package org.jdevp2p.eth;

import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.rlp.InvalidRlpException;
import org.jdevp2p.rlp.StrictRlp;

/**
 * An EIP-2124 fork identifier: {@code hash} is the CRC32 of the genesis hash and every passed fork,
 * {@code next} the first fork not yet passed (a block number or a timestamp), 0 when none is known.
 * {@code next} is an unsigned 64-bit value: print it with {@link Long#toUnsignedString}.
 */
public record ForkId(Bytes hash, long next) {

  /** EIP-2124: FORK_HASH is the 4-byte big-endian CRC32 (geth: {@code [4]byte}). */
  public static final int HASH_SIZE = 4;

  /**
   * Throws {@link InvalidForkIdException} when the hash is not exactly {@value #HASH_SIZE} bytes.
   */
  public ForkId {
    Objects.requireNonNull(hash, "fork hash");
    if (hash.size() != HASH_SIZE) {
      throw new InvalidForkIdException(
          "fork hash must be " + HASH_SIZE + " bytes, got " + hash.size());
    }
    hash = hash.copy();
  }

  /** RLP {@code [hash, next]}, e.g. {@code c6840000000080}. */
  public Bytes encode() {
    return RLP.encodeList(
        writer -> {
          writer.writeValue(hash);
          // Not writeLong: tuweni writes a next of 2^63 or more (a negative long) as one raw byte.
          writer.writeValue(Bytes.minimalBytes(next));
        });
  }

  /**
   * Reads {@code [hash, next]}: canonical RLP, a 4-byte hash, a canonical uint64 next, exactly two
   * elements (geth's {@code forkid.ID} has no tail), nothing after the list.
   *
   * @throws InvalidForkIdException naming what is wrong
   */
  public static ForkId decode(Bytes rlp) {
    try {
      List<Bytes> items = StrictRlp.listItems(rlp);
      if (items.size() != 2) {
        throw new InvalidForkIdException(
            "fork id must have 2 elements [hash, next], got " + items.size());
      }
      if (StrictRlp.isList(items.get(0))) {
        throw new InvalidForkIdException("fork hash must be a string, got a list");
      }
      if (StrictRlp.isList(items.get(1))) {
        throw new InvalidForkIdException("fork next must be an integer, got a list");
      }
      return new ForkId(StrictRlp.readBytes(items.get(0)), StrictRlp.readUInt64(items.get(1)));
    } catch (InvalidRlpException e) {
      throw new InvalidForkIdException("fork id: " + e.getMessage(), e);
    }
  }

  /** The hash as a big-endian int. */
  int hashValue() {
    return hash.toInt();
  }

  /** {@code 0x07c9462e next 0}. */
  @Override
  public String toString() {
    return hash.toHexString() + " next " + Long.toUnsignedString(next);
  }
}
