package org.jdevp2p.discv5.wire;

import java.util.random.RandomGenerator;
import javax.crypto.spec.SecretKeySpec;
import org.apache.tuweni.bytes.Bytes;

/**
 * The keys of one discv5 session with one node at one endpoint, from our side: we seal with the
 * write key and open with the read key (the initiator writes with initiator-key, the recipient with
 * recipient-key). Made by {@link PacketCodec} when a handshake completes; the service caches it per
 * (node id, ip:port).
 *
 * <p>It also hands out the nonces of the packets we seal. A nonce must never repeat under one key
 * (AES-GCM loses confidentiality and authenticity when it does), so as in geth each nonce is a
 * 32-bit big-endian message counter followed by 8 random bytes, and the session refuses to seal
 * once the counter is spent. Not thread-safe: the service's event loop owns its sessions.
 */
public final class Session {
  /** Counter (4 bytes) || random (8 bytes): the nonce layout the spec recommends and geth uses. */
  private static final int COUNTER_SIZE = 4;

  /**
   * Packets one session may seal: the counter is 32 bits and must not wrap (geth wraps silently;
   * after 2^32 packets the random part alone would have to keep nonces apart). Long before this a
   * node re-handshakes for other reasons; the service drops a session that reports {@link
   * #exhausted()}.
   */
  static final long MAX_MESSAGES = 1L << 32;

  private final SecretKeySpec writeKey;
  private final SecretKeySpec readKey;
  private final RandomGenerator random;
  private long sent;

  Session(Bytes writeKey, Bytes readKey, RandomGenerator random) {
    if (writeKey.size() != WireCipher.KEY_SIZE || readKey.size() != WireCipher.KEY_SIZE) {
      throw new IllegalArgumentException("session keys must be 16 bytes");
    }
    this.writeKey = WireCipher.key(writeKey.toArray(), 0);
    this.readKey = WireCipher.key(readKey.toArray(), 0);
    this.random = random;
  }

  /** A fresh nonce for the next packet we seal. */
  byte[] nextNonce() {
    if (exhausted()) throw new IllegalStateException("session nonce counter spent; re-handshake");
    long counter = ++sent;
    byte[] nonce = new byte[Packet.NONCE_SIZE];
    nonce[0] = (byte) (counter >>> 24);
    nonce[1] = (byte) (counter >>> 16);
    nonce[2] = (byte) (counter >>> 8);
    nonce[3] = (byte) counter;
    byte[] tail = new byte[Packet.NONCE_SIZE - COUNTER_SIZE];
    random.nextBytes(tail);
    System.arraycopy(tail, 0, nonce, COUNTER_SIZE, tail.length);
    return nonce;
  }

  /** True once this session has sealed as many packets as its nonce counter allows. */
  public boolean exhausted() {
    return sent >= MAX_MESSAGES - 1;
  }

  SecretKeySpec writeKey() {
    return writeKey;
  }

  SecretKeySpec readKey() {
    return readKey;
  }

  /** Never shows the keys. */
  @Override
  public String toString() {
    return "Session[sent=" + sent + "]";
  }
}
