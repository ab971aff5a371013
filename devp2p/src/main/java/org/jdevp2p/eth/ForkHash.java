package org.jdevp2p.eth;

import java.util.zip.CRC32;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The running EIP-2124 fork hash: CRC32-IEEE (java.util.zip.CRC32 is the same zlib polynomial as
 * Go's crc32.IEEE) over the genesis hash and then each passed fork as a big-endian uint64, which is
 * what geth's {@code checksumUpdate} adds one fork at a time.
 */
final class ForkHash {
  private final CRC32 crc = new CRC32();

  ForkHash(Bytes32 genesisHash) {
    crc.update(genesisHash.toArrayUnsafe());
  }

  void add(long fork) {
    crc.update(Bytes.ofUnsignedLong(fork).toArrayUnsafe());
  }

  /** The current checksum as the 4-byte big-endian fork hash. */
  Bytes bytes() {
    return Bytes.ofUnsignedInt(crc.getValue());
  }

  /** The current checksum as an int, for comparing with {@link ForkId#hashValue()}. */
  int value() {
    return (int) crc.getValue();
  }
}
