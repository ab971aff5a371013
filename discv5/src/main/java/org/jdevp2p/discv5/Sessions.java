package org.jdevp2p.discv5;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.discv5.wire.Packet;
import org.jdevp2p.discv5.wire.Session;
import org.jdevp2p.enr.NodeRecord;

/**
 * Sessions and pending challenges, per {@link NodeAddress}. Sessions are an LRU cache (geth keeps
 * 1024); a challenge (a WHOAREYOU we sent) lives for the handshake timeout (geth: 1 s). Owned by
 * the event loop.
 */
final class Sessions {
  /**
   * Pending challenges at most. The global WHOAREYOU rate limit (2,000 burst, 1,000/s by default)
   * with a 1 s lifetime keeps about 3,000 alive at worst; past this bound the oldest goes.
   */
  static final int MAX_CHALLENGES = 4_096;

  /**
   * A WHOAREYOU we sent and wait to see answered.
   *
   * @param whoAreYou the challenge as sent; its header is the handshake's challenge-data
   * @param encoded its bytes, sent again unchanged for a repeated packet (geth's behaviour)
   * @param knownRecord the challenged node's record we held, if any (its seq went in the challenge)
   */
  record Challenge(
      Packet.WhoAreYou whoAreYou,
      Bytes encoded,
      Optional<NodeRecord> knownRecord,
      Instant expiry) {}

  private final InstantSource clock;
  private final Duration challengeLifetime;

  /**
   * The current session with a peer and the one it replaced. When two nodes handshake with each
   * other at the same moment, each ends up writing with the keys of one handshake and reading with
   * the other's; keeping the replaced session for reading lets both directions work.
   */
  record Keys(Session current, Optional<Session> previous) {}

  private final LinkedHashMap<NodeAddress, Keys> sessions;
  private final LinkedHashMap<NodeAddress, Challenge> challenges = new LinkedHashMap<>();

  Sessions(int capacity, Duration challengeLifetime, InstantSource clock) {
    this.clock = clock;
    this.challengeLifetime = challengeLifetime;
    this.sessions =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<NodeAddress, Keys> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The keys we hold for a peer, if we hold a session whose nonces are not spent. */
  Optional<Keys> keys(NodeAddress peer) {
    Keys k = sessions.get(peer);
    if (k != null && k.current().exhausted()) {
      sessions.remove(peer);
      return Optional.empty();
    }
    return Optional.ofNullable(k);
  }

  /** The session we write with. */
  Optional<Session> session(NodeAddress peer) {
    return keys(peer).map(Keys::current);
  }

  void store(NodeAddress peer, Session session) {
    Keys old = sessions.get(peer);
    sessions.put(peer, new Keys(session, Optional.ofNullable(old).map(Keys::current)));
  }

  int sessionCount() {
    return sessions.size();
  }

  /** The unexpired challenge we sent this peer, if any. */
  Optional<Challenge> challenge(NodeAddress peer) {
    Challenge c = challenges.get(peer);
    if (c != null && !clock.instant().isBefore(c.expiry())) {
      challenges.remove(peer);
      return Optional.empty();
    }
    return Optional.ofNullable(c);
  }

  void storeChallenge(
      NodeAddress peer, Packet.WhoAreYou whoAreYou, Bytes encoded, Optional<NodeRecord> known) {
    challenges.remove(peer);
    challenges.put(
        peer, new Challenge(whoAreYou, encoded, known, clock.instant().plus(challengeLifetime)));
    if (challenges.size() > MAX_CHALLENGES) {
      Iterator<NodeAddress> oldest = challenges.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** Removes and returns the challenge: a handshake may answer it once. */
  Optional<Challenge> takeChallenge(NodeAddress peer) {
    Optional<Challenge> c = challenge(peer);
    challenges.remove(peer);
    return c;
  }

  /** Forgets expired challenges (they are also refused when looked up). */
  void expireChallenges() {
    Instant now = clock.instant();
    // Insertion order is expiry order: every challenge lives equally long.
    Iterator<Challenge> it = challenges.values().iterator();
    while (it.hasNext() && !now.isBefore(it.next().expiry())) it.remove();
  }
}
