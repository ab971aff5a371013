package org.jdevp2p.rlpx.dial;

import java.util.Map;

/**
 * A snapshot of a {@link PeerPool}'s counters.
 *
 * @param dialsAttempted dials started (candidates and static peers)
 * @param dialsSucceeded dials that ended with a kept peer (eth Status accepted)
 * @param dialFailures failed dials by reason: {@code "connect"} (no TCP connection), the Disconnect
 *     reason of a handshake, Hello or pool check that failed (e.g. {@code "too many peers"}), or
 *     {@code "status: FORK_ID_REJECTED"} and the like for an eth Status that failed
 * @param inboundRefused inbound connections closed by the per-IP throttle
 * @param inboundPeers connected peers that dialled us (kept or still in their eth handshake)
 * @param outboundPeers connected peers we dialled
 * @param keptPeers peers whose eth Status was accepted
 */
public record PoolMetrics(
    long dialsAttempted,
    long dialsSucceeded,
    Map<String, Long> dialFailures,
    long inboundRefused,
    int inboundPeers,
    int outboundPeers,
    int keptPeers) {

  public PoolMetrics {
    dialFailures = Map.copyOf(dialFailures);
  }

  /** All failed dials. */
  public long dialsFailed() {
    return dialFailures.values().stream().mapToLong(Long::longValue).sum();
  }
}
