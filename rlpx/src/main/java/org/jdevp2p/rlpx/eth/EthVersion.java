package org.jdevp2p.rlpx.eth;

import org.jdevp2p.rlpx.Capability;

/**
 * The eth versions we implement, with the number of message ids each uses (geth {@code
 * protocolLengths}; eth68.md §1, eth69plus.md §1). The length decides where the next capability's
 * ids start, so both sides must agree on it.
 */
public enum EthVersion {
  /** EIP-5793; ids 0x00–0x10. */
  ETH68(68, 17),
  /** EIP-7642: Status with block range, BlockRangeUpdate 0x11, receipts without bloom. */
  ETH69(69, 18),
  /** EIP-7975: partial receipt lists, same ids as 69. */
  ETH70(70, 18),
  /** EIP-8159: GetBlockAccessLists 0x12 / BlockAccessLists 0x13. */
  ETH71(71, 20),
  /** EIP-8070: cell mask in announcements, GetCells 0x14 / Cells 0x15. */
  ETH72(72, 22);

  /** The capability name in Hello. */
  public static final String NAME = "eth";

  private final int number;
  private final int messageCount;

  EthVersion(int number, int messageCount) {
    this.number = number;
    this.messageCount = messageCount;
  }

  /** The version number as Hello and Status carry it. */
  public int number() {
    return number;
  }

  public int messageCount() {
    return messageCount;
  }

  public Capability capability() {
    return new Capability(NAME, number, messageCount);
  }

  /** Whether this version is {@code other} or newer. */
  public boolean atLeast(EthVersion other) {
    return compareTo(other) >= 0;
  }

  /**
   * The version with this number.
   *
   * @throws IllegalArgumentException for a version we do not implement
   */
  public static EthVersion of(int number) {
    for (EthVersion v : values()) {
      if (v.number == number) return v;
    }
    throw new IllegalArgumentException("eth/" + number + " is not implemented");
  }

  @Override
  public String toString() {
    return NAME + "/" + number;
  }
}
