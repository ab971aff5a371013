package org.jdevp2p.eth;

import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPException;
import org.apache.tuweni.rlp.RLPReader;
import org.apache.tuweni.rlp.RLPWriter;

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
    return RLP.encodeList(this::writeFields);
  }

  /**
   * Reads {@code [hash, next]}: canonical RLP, a 4-byte hash, a canonical uint64 next, exactly two
   * elements (geth's {@code forkid.ID} has no tail), nothing after the list.
   *
   * @throws InvalidForkIdException naming what is wrong
   */
  public static ForkId decode(Bytes rlp) {
    return StrictRlp.decode(rlp, "fork id", ForkId::readFrom);
  }

  /** Writes the fork id list into an enclosing RLP structure, such as the eth Status message. */
  public void writeTo(RLPWriter writer) {
    writer.writeList(this::writeFields);
  }

  private void writeFields(RLPWriter writer) {
    writer.writeValue(hash);
    // Not writeLong: tuweni writes a next of 2^63 or more (a negative long) as one raw byte.
    writer.writeValue(Bytes.minimalBytes(next));
  }

  /**
   * Reads the fork id list that comes next in {@code reader} (a non-lenient one), as part of an
   * enclosing RLP structure such as the eth Status message; the rules are those of {@link #decode},
   * except that what follows the list belongs to the caller.
   *
   * @throws InvalidForkIdException naming what is wrong
   */
  public static ForkId readFrom(RLPReader reader) {
    try {
      return StrictRlp.readList(reader, "fork id", ForkId::readFields);
    } catch (RLPException e) {
      throw new InvalidForkIdException("fork id is not canonical RLP: " + e.getMessage(), e);
    }
  }

  private static ForkId readFields(RLPReader list) {
    if (list.isComplete()) throw new InvalidForkIdException("fork id has no fork hash");
    if (list.nextIsList()) throw new InvalidForkIdException("fork hash must be a string");
    Bytes hash = list.readValue();
    if (list.isComplete()) throw new InvalidForkIdException("fork id has no fork next");
    if (list.nextIsList()) throw new InvalidForkIdException("fork next must be an integer");
    long next = uint64(list.readValue());
    if (!list.isComplete()) throw new InvalidForkIdException("fork id has more than two elements");
    return new ForkId(hash, next);
  }

  /** A canonical RLP uint64: at most 8 bytes, no leading zero byte (0 is the empty string). */
  private static long uint64(Bytes value) {
    if (value.size() > Long.BYTES) {
      throw new InvalidForkIdException(
          "fork next is " + value.size() + " bytes, more than a uint64");
    }
    if (!value.isEmpty() && value.get(0) == 0) {
      throw new InvalidForkIdException("fork next has a leading zero byte");
    }
    return value.isEmpty() ? 0 : value.toLong();
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
