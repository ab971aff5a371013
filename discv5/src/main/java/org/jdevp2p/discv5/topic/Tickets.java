package org.jdevp2p.discv5.topic;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.enr.NodeRecord;

/**
 * The registrar's tickets: stateless, so a registrar keeps nothing per waiting registrant, and
 * authenticated, so only it can make or read one (discv5-theory.md "Tickets"). The spec leaves the
 * encoding to the registrar; ours is 69 bytes, big-endian (topics.md §4):
 *
 * <pre>
 *   0x01 ‖ tinit(8) ‖ tmod(8) ‖ twait(4) ‖ adDigest(32) ‖ mac(16)
 *   mac = HMAC-SHA256(K, first 53 bytes)[:16]
 * </pre>
 *
 * <p>K is 32 random bytes, replaced every hour; the previous key is still accepted, so a ticket
 * issued just before a rotation stays good for its whole window. Not thread-safe: it belongs to its
 * registrar.
 */
final class Tickets {
  /** The format version, the first byte; a registrar that changes the layout bumps it. */
  static final byte VERSION = 1;

  /**
   * Bytes of the truncated MAC: 128 bits, so a forger needs about 2^128 attempts, each one a packet
   * to us.
   */
  static final int MAC_SIZE = 16;

  /** Bytes covered by the MAC: version, tinit, tmod, twait, adDigest. */
  static final int SIGNED_SIZE = 1 + Long.BYTES + Long.BYTES + Integer.BYTES + Bytes32.SIZE;

  /** Bytes of a ticket. */
  static final int SIZE = SIGNED_SIZE + MAC_SIZE;

  /** How long a key is used for new tickets (topics.md §8, ours); one previous key is kept. */
  static final Duration KEY_ROTATION = Duration.ofHours(1);

  /** Bytes of a key: RFC 2104 §3 discourages keys shorter than the hash output, 32 for SHA-256. */
  static final int KEY_SIZE = 32;

  private static final String ALGORITHM = "HmacSHA256";

  /** What a ticket says, once its MAC has been checked. Times in ms of the registrar's clock. */
  record Ticket(long tinit, long tmod, int twait, Bytes32 adDigest) {}

  private final SecureRandom keyRandom;
  private final long epochMillis;
  private long rotations;
  private Mac current;
  private Mac previous;
  private final MessageDigest sha256;

  /** Keys from {@code keyRandom}; the first one is used from {@code nowMillis} on. */
  Tickets(SecureRandom keyRandom, long nowMillis) {
    this.keyRandom = keyRandom;
    this.epochMillis = nowMillis;
    this.current = freshKey();
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The ticket's bytes, authenticated with the current key. */
  Bytes issue(Ticket ticket, long nowMillis) {
    rotate(nowMillis);
    ByteBuffer b = ByteBuffer.allocate(SIZE);
    b.put(VERSION).putLong(ticket.tinit()).putLong(ticket.tmod()).putInt(ticket.twait());
    b.put(ticket.adDigest().toArrayUnsafe());
    byte[] bytes = b.array();
    System.arraycopy(mac(current, bytes), 0, bytes, SIGNED_SIZE, MAC_SIZE);
    return Bytes.wrap(bytes);
  }

  /**
   * What the ticket says, if it has our size and version and its MAC is right under the current or
   * the previous key; empty for anything else, including another registrar's ticket. The caller
   * checks the times and the ad.
   */
  Optional<Ticket> open(Bytes ticket, long nowMillis) {
    rotate(nowMillis);
    if (ticket.size() != SIZE || ticket.get(0) != VERSION) {
      return Optional.empty();
    }
    byte[] bytes = ticket.toArrayUnsafe();
    if (!macMatches(current, bytes) && (previous == null || !macMatches(previous, bytes))) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, 1, SIGNED_SIZE - 1);
    long tinit = b.getLong();
    long tmod = b.getLong();
    int twait = b.getInt();
    byte[] digest = new byte[Bytes32.SIZE];
    b.get(digest);
    return Optional.of(new Ticket(tinit, tmod, twait, Bytes32.wrap(digest)));
  }

  private static boolean macMatches(Mac key, byte[] ticket) {
    byte[] expected = mac(key, ticket);
    // constant time over the first MAC_SIZE bytes: timing must not tell how much of a guess is
    // right
    int diff = 0;
    for (int i = 0; i < MAC_SIZE; i++) {
      diff |= expected[i] ^ ticket[SIGNED_SIZE + i];
    }
    return diff == 0;
  }

  private static byte[] mac(Mac key, byte[] ticket) {
    key.update(ticket, 0, SIGNED_SIZE);
    return key.doFinal();
  }

  /** Moves to a new key each {@link #KEY_ROTATION}; a key two rotations old is forgotten. */
  private void rotate(long nowMillis) {
    long due = Math.floorDiv(nowMillis - epochMillis, KEY_ROTATION.toMillis());
    if (due > rotations) {
      previous = due - rotations == 1 ? current : null;
      current = freshKey();
      rotations = due;
    }
  }

  private Mac freshKey() {
    byte[] key = new byte[KEY_SIZE];
    keyRandom.nextBytes(key);
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JDK has " + ALGORITHM, e);
    }
  }

  /**
   * The ad a ticket is for: {@code sha256(rlp([topic, ENR]))}, so that a ticket is worth nothing
   * for another topic or another version of the record.
   */
  Bytes32 adDigest(Bytes32 topic, NodeRecord record) {
    Bytes ad =
        RLP.encodeList(
            w -> {
              w.writeValue(topic);
              w.writeRLP(record.encoded());
            });
    return Bytes32.wrap(sha256.digest(ad.toArrayUnsafe()));
  }
}
