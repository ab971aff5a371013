package org.jdevp2p.eth;

import java.util.Objects;

/**
 * One scheduled fork of a chain: activated at a block number (until the merge) or at a block
 * timestamp in unix seconds (Shanghai and later). The activation is an unsigned 64-bit value, as in
 * geth's {@code params.ChainConfig}.
 */
public record Fork(String name, Kind kind, long activation) {

  /** How a fork's activation point is measured. */
  public enum Kind {
    /** Activates at a block number (geth's {@code *Block} fields). */
    BLOCK,
    /** Activates at a block timestamp (geth's {@code *Time} fields). */
    TIMESTAMP
  }

  public Fork {
    Objects.requireNonNull(name, "fork name");
    Objects.requireNonNull(kind, "fork kind");
  }

  public static Fork block(String name, long number) {
    return new Fork(name, Kind.BLOCK, number);
  }

  public static Fork timestamp(String name, long unixSeconds) {
    return new Fork(name, Kind.TIMESTAMP, unixSeconds);
  }
}
