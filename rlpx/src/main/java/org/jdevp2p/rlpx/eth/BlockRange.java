package org.jdevp2p.rlpx.eth;

import java.util.Objects;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The blocks whose bodies and receipts a peer serves, {@code earliest..latest} inclusive, and its
 * head's hash (eth/69, EIP-7642). Numbers are unsigned.
 */
public record BlockRange(long earliest, long latest, Bytes32 latestHash) {

  public BlockRange {
    Objects.requireNonNull(latestHash, "latest hash");
  }

  /**
   * geth {@code BlockRangeUpdatePacket.Validate} ({@code errInvalidBlockRange}): earliest not after
   * latest, and a head hash that is not zero. Nothing else is checked (eth69plus.md §3).
   */
  public boolean isValid() {
    return Long.compareUnsigned(earliest, latest) <= 0 && !latestHash.isZero();
  }

  @Override
  public String toString() {
    return Long.toUnsignedString(earliest)
        + ".."
        + Long.toUnsignedString(latest)
        + " "
        + latestHash.toHexString();
  }
}
