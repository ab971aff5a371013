package org.jdevp2p.discv5;

import java.util.Map;

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

  /**
   * Messages of one type (the message-type byte: {@code Message.RegTopic.TYPE} and so on) that
   * decoded, from any peer.
   */
  long messagesIn(int messageType);

  /** Messages of one type we sent (each retransmission after a handshake counts again). */
  long messagesOut(int messageType);

  /** Ads our registrar holds now (0 with topics off). */
  int adsHeld();

  /** Registrars holding an ad of ours now, per topic we advertise (its service name). */
  Map<String, Integer> activeRegistrations();

  /** Handshakes completed, as initiator and as recipient. */
  long handshakes();

  /** Lookups started, random refreshes included. */
  long lookups();

  /** Sessions held now. */
  int sessions();

  /** Nodes in the table now (replacements not counted). */
  int tableSize();
}
