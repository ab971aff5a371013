package org.jdevp2p.discv5;

/**
 * Counters of a running {@link Discovery} node, readable from any thread, for a daemon to export.
 * Counts only grow; sizes are current values.
 */
public interface Metrics {

  long packetsIn(PacketKind kind);

  long packetsOut(PacketKind kind);

  long drops(DropReason reason);

  /**
   * Unsolicited packets refused by a rate limit (also counted as {@link DropReason#RATE_LIMITED}).
   */
  default long rateLimited() {
    return drops(DropReason.RATE_LIMITED);
  }

  /** Handshakes completed, as initiator and as recipient. */
  long handshakes();

  /** Lookups started, random refreshes included. */
  long lookups();

  /** Sessions held now. */
  int sessions();

  /** Nodes in the table now (replacements not counted). */
  int tableSize();
}
