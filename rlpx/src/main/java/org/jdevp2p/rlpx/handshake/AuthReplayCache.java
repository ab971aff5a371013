package org.jdevp2p.rlpx.handshake;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The initiator nonces a responder has accepted, each kept until the auth that carried it expires
 * (after that the auth is refused as expired anyway). Shared by every inbound connection of a node,
 * so it is thread-safe.
 */
public final class AuthReplayCache {

  /**
   * Default bound: 65,536 nonces of ~150 bytes each (~10 MB). With a 30 s window that holds every
   * handshake of a node accepting over 2,000 handshakes/s, above what one node completes.
   */
  public static final int DEFAULT_CAPACITY = 65_536;

  private final int capacity;
  private final LinkedHashMap<Bytes32, Long> expiryByNonce = new LinkedHashMap<>();

  public AuthReplayCache() {
    this(DEFAULT_CAPACITY);
  }

  public AuthReplayCache(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    this.capacity = capacity;
  }

  /**
   * Remembers a nonce until {@code expiresAt} (unix seconds) and returns true, or returns false if
   * it is already remembered. When full, the oldest entry makes room: a replayed auth cannot finish
   * the handshake without the initiator's ephemeral key, so forgetting one is harmless, while
   * refusing new peers under a flood would not be.
   */
  synchronized boolean firstSeen(Bytes32 nonce, long expiresAt, long now) {
    Long known = expiryByNonce.get(nonce);
    if (known != null && known >= now) return false;
    Iterator<Map.Entry<Bytes32, Long>> oldest = expiryByNonce.entrySet().iterator();
    while (oldest.hasNext() && oldest.next().getValue() < now) oldest.remove();
    if (expiryByNonce.size() >= capacity) {
      oldest = expiryByNonce.entrySet().iterator();
      oldest.next();
      oldest.remove();
    }
    expiryByNonce.put(nonce, expiresAt);
    return true;
  }

  /** How many nonces are remembered. */
  public synchronized int size() {
    return expiryByNonce.size();
  }
}
