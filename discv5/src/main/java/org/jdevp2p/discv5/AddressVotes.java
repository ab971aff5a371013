package org.jdevp2p.discv5;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Predicts our external endpoint of one address family from what peers tell us (the recipient ip
 * and port of their PONGs), after geth's {@code p2p/netutil/iptrack.go}: each voter's latest
 * statement counts for {@code window}; the endpoint with the most votes wins once it has at least
 * {@code minStatements}.
 *
 * <p>A voter is a source IP, so that one host cannot outvote the others by using many ports. Peers
 * behind a loopback or site-local address are the exception: local test networks put many nodes
 * behind one such address, and there a voter is the source ip:port.
 */
final class AddressVotes {
  /** How long a statement counts: geth's {@code iptrackWindow}, 5 minutes. */
  static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

  /** Votes needed before we believe a prediction: geth's {@code iptrackMinStatements}, 10. */
  static final int DEFAULT_MIN_STATEMENTS = 10;

  /** Voters remembered at most; the oldest statement goes first. Far above any useful quorum. */
  static final int MAX_VOTERS = 1_000;

  private record Statement(InetSocketAddress endpoint, Instant time) {}

  private final Duration window;
  private final int minStatements;
  private final InstantSource clock;
  private final LinkedHashMap<Object, Statement> statements = new LinkedHashMap<>();

  AddressVotes(Duration window, int minStatements, InstantSource clock) {
    if (minStatements < 1) throw new IllegalArgumentException("minStatements must be >= 1");
    this.window = window;
    this.minStatements = minStatements;
    this.clock = clock;
  }

  /** Records that the peer at {@code from} saw us at {@code endpoint}. */
  void addStatement(InetSocketAddress from, InetSocketAddress endpoint) {
    Object voter = voterOf(from);
    statements.remove(voter); // re-insert so iteration order stays oldest first
    statements.put(voter, new Statement(endpoint, clock.instant()));
    if (statements.size() > MAX_VOTERS) {
      Iterator<Object> oldest = statements.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** The endpoint most voters agree on, if at least {@code minStatements} of them do. */
  Optional<InetSocketAddress> predict() {
    expire();
    Map<InetSocketAddress, Integer> counts = new HashMap<>();
    InetSocketAddress best = null;
    int bestCount = 0;
    for (Statement s : statements.values()) {
      int c = counts.merge(s.endpoint(), 1, Integer::sum);
      if (c > bestCount) {
        best = s.endpoint();
        bestCount = c;
      }
    }
    return bestCount >= minStatements ? Optional.of(best) : Optional.empty();
  }

  private void expire() {
    Instant cutoff = clock.instant().minus(window);
    Iterator<Statement> it = statements.values().iterator();
    while (it.hasNext() && it.next().time().isBefore(cutoff)) it.remove();
  }

  private static Object voterOf(InetSocketAddress from) {
    InetAddress ip = from.getAddress();
    boolean local = ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress();
    return local ? from : ip;
  }
}
