package org.jdevp2p.rlpx.eth;

import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.MutableBytes;

/**
 * eth/72 (EIP-8070): a set of cell indices 0..127 as 16 bytes, bit {@code i} at {@code byte[i / 8]
 * >> (i % 8)} (LSB first within a byte; geth {@code types.CustodyBitmap}). E.g. {0, 9, 127} is
 * {@code 01020000000000000000000000000080}.
 */
public record CellMask(Bytes bits) {

  /** Cells per blob (EIP-7594 CELLS_PER_EXT_BLOB), so the mask has 128 bits. */
  public static final int CELLS = 128;

  /** geth decodes the mask as a fixed {@code [16]byte}: always exactly 16 bytes on the wire. */
  public static final int SIZE = CELLS / Byte.SIZE;

  /** No cell. */
  public static final CellMask NONE = new CellMask(Bytes.wrap(new byte[SIZE]));

  public CellMask {
    Objects.requireNonNull(bits, "bits");
    if (bits.size() != SIZE) {
      throw new IllegalArgumentException(
          "cell mask must be " + SIZE + " bytes, got " + bits.size());
    }
    bits = bits.copy();
  }

  /** The mask holding these indices. */
  public static CellMask of(int... indices) {
    MutableBytes bits = MutableBytes.create(SIZE);
    for (int i : indices) {
      Objects.checkIndex(i, CELLS);
      bits.set(i / Byte.SIZE, (byte) (bits.get(i / Byte.SIZE) | 1 << (i % Byte.SIZE)));
    }
    return new CellMask(bits);
  }

  public boolean contains(int index) {
    Objects.checkIndex(index, CELLS);
    return (bits.get(index / Byte.SIZE) >> (index % Byte.SIZE) & 1) == 1;
  }

  public boolean isEmpty() {
    return bits.isZero();
  }

  /** Whether every index of this mask is also in {@code other}. */
  public boolean isSubsetOf(CellMask other) {
    return bits.and(other.bits).equals(bits);
  }

  /** Reads the 16-byte string; {@code lenient} also takes reth's empty string for "no cells". */
  static CellMask read(Bytes item, String what, boolean lenient) {
    Bytes value = EthRlp.string(item, what);
    if (lenient && value.isEmpty()) return NONE;
    if (value.size() != SIZE) {
      throw new InvalidEthMessageException(
          what + " must be " + SIZE + " bytes, got " + value.size());
    }
    return new CellMask(value);
  }
}
