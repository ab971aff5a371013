package org.jdevp2p.rlpx.handshake;

import java.security.SecureRandom;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.InvalidKeyException;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.crypto.Signature;
import org.jdevp2p.rlpx.FailureReason;
import org.jdevp2p.rlpx.RlpxException;

/**
 * The RLPx handshake (EIP-8) as a codec with no I/O: packets in, packets and {@link Secrets} out.
 * An {@link Initiator} makes the auth and reads the ack; a {@link Responder} reads the auth and
 * makes the ack. Packets are exactly the bytes on the wire: the 2-byte size prefix followed by the
 * ECIES ciphertext.
 */
public final class Handshake {

  /** Bytes of the big-endian size prefix in front of an EIP-8 auth or ack. */
  public static final int PREFIX_LENGTH = 2;

  /**
   * The largest auth or ack size (the value of the prefix) we accept: geth p2p/rlpx readMsg refuses
   * more than 2048, so nothing compliant sends more, and we read no more than that per peer.
   */
  public static final int MAX_MESSAGE_SIZE = 2048;

  /** EIP-8: at least 100 bytes of padding so that the packet length says nothing. */
  private static final int MIN_PADDING = 100;

  /** Padding lengths are drawn from [100, 200), as geth does. */
  private static final int PADDING_RANGE = 100;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Handshake() {}

  /** The side that opened the connection. Use once. */
  public static final class Initiator {
    private final PrivateKey staticKey;
    private final PublicKey remoteKey;
    private final PrivateKey ephemeralKey;
    private final Bytes32 nonce;
    private final HandshakeConfig config;
    private byte[] authPacket;

    /** An initiator with a fresh ephemeral key and nonce. */
    public Initiator(PrivateKey staticKey, PublicKey remoteKey, HandshakeConfig config) {
      this(staticKey, remoteKey, PrivateKey.random(), randomNonce(), config);
    }

    Initiator(
        PrivateKey staticKey,
        PublicKey remoteKey,
        PrivateKey ephemeralKey,
        Bytes32 nonce,
        HandshakeConfig config) {
      this.staticKey = staticKey;
      this.remoteKey = remoteKey;
      this.ephemeralKey = ephemeralKey;
      this.nonce = nonce;
      this.config = config;
    }

    /** The auth packet, made on the first call; it carries our expiration element. */
    public byte[] authPacket() {
      if (authPacket == null) {
        Bytes32 staticShared = staticKey.agreeX(remoteKey);
        Signature signature = ephemeralKey.sign(Bytes32.wrap(staticShared.xor(nonce)));
        long expiration =
            config.clock().instant().getEpochSecond() + config.expiryWindow().toSeconds() / 2;
        AuthMessage auth =
            new AuthMessage(
                signature,
                staticKey.publicKey(),
                nonce,
                AuthMessage.VERSION,
                OptionalLong.of(expiration));
        authPacket = seal(remoteKey, auth.encode());
      }
      return authPacket;
    }

    /**
     * Reads the ack and derives the secrets. An ack encrypted to another key than ours (a peer that
     * is not the one we dialed) fails with {@link FailureReason#HANDSHAKE_DECRYPT_FAILED}.
     */
    public Secrets readAck(byte[] ackPacket) {
      if (authPacket == null) throw new IllegalStateException("auth not made yet");
      AckMessage ack = AckMessage.decode(open(staticKey, ackPacket));
      return Secrets.derive(
          true,
          ephemeralKey,
          ack.ephemeralKey(),
          nonce,
          ack.nonce(),
          authPacket,
          ackPacket,
          remoteKey);
    }
  }

  /** The answer of a responder to a valid auth: the ack to send and the agreed secrets. */
  public record Response(AuthMessage auth, byte[] ackPacket, Secrets secrets) {}

  /** The side that accepted the connection. One instance serves any number of handshakes. */
  public static final class Responder {
    private final PrivateKey staticKey;
    private final HandshakeConfig config;
    private final AuthReplayCache replayCache;

    public Responder(PrivateKey staticKey, HandshakeConfig config, AuthReplayCache replayCache) {
      this.staticKey = staticKey;
      this.config = config;
      this.replayCache = replayCache;
    }

    /** Reads an auth, checks its expiration and nonce, and answers it with fresh randomness. */
    public Response respond(byte[] authPacket) {
      return respond(authPacket, PrivateKey.random(), randomNonce());
    }

    Response respond(byte[] authPacket, PrivateKey ephemeralKey, Bytes32 nonce) {
      AuthMessage auth = AuthMessage.decode(open(staticKey, authPacket));
      checkFreshness(auth);
      PublicKey remoteEphemeral;
      try {
        Bytes32 staticShared = staticKey.agreeX(auth.initiatorKey());
        remoteEphemeral = auth.signature().recover(Bytes32.wrap(staticShared.xor(auth.nonce())));
      } catch (InvalidKeyException e) {
        throw new RlpxException(
            FailureReason.HANDSHAKE_MALFORMED, "auth signature: " + e.getMessage(), e);
      }
      AckMessage ack = new AckMessage(ephemeralKey.publicKey(), nonce, AckMessage.VERSION);
      byte[] ackPacket = seal(auth.initiatorKey(), ack.encode());
      Secrets secrets =
          Secrets.derive(
              false,
              ephemeralKey,
              remoteEphemeral,
              auth.nonce(),
              nonce,
              authPacket,
              ackPacket,
              auth.initiatorKey());
      return new Response(auth, ackPacket, secrets);
    }

    private void checkFreshness(AuthMessage auth) {
      long now = config.clock().instant().getEpochSecond();
      long window = config.expiryWindow().toSeconds();
      long expiresAt;
      if (auth.expiration().isPresent()) {
        expiresAt = auth.expiration().getAsLong();
        if (expiresAt < now) {
          throw new RlpxException(
              FailureReason.AUTH_EXPIRED, "expired " + (now - expiresAt) + " s ago");
        }
        if (expiresAt > now + window) {
          throw new RlpxException(
              FailureReason.AUTH_FROM_FUTURE,
              "expires in " + (expiresAt - now) + " s, window is " + window + " s");
        }
      } else if (config.requireExpiration()) {
        throw new RlpxException(
            FailureReason.AUTH_EXPIRATION_MISSING, "strict mode requires an expiration time");
      } else {
        expiresAt = now + window;
      }
      if (!replayCache.firstSeen(auth.nonce(), expiresAt, now)) {
        throw new RlpxException(FailureReason.AUTH_REPLAYED, "initiator nonce seen before");
      }
    }
  }

  /** size prefix || ECIES(recipient, body || padding, shared MAC data = size prefix). */
  static byte[] seal(PublicKey recipient, Bytes body) {
    int padding = MIN_PADDING + RANDOM.nextInt(PADDING_RANGE);
    byte[] plaintext = new byte[body.size() + padding];
    System.arraycopy(body.toArrayUnsafe(), 0, plaintext, 0, body.size());
    int size = plaintext.length + Ecies.OVERHEAD;
    byte[] prefix = {(byte) (size >>> 8), (byte) size};
    byte[] sealed = Ecies.encrypt(recipient, plaintext, prefix, RANDOM);
    byte[] packet = new byte[PREFIX_LENGTH + sealed.length];
    System.arraycopy(prefix, 0, packet, 0, PREFIX_LENGTH);
    System.arraycopy(sealed, 0, packet, PREFIX_LENGTH, sealed.length);
    return packet;
  }

  /** Checks the size prefix of a whole packet and decrypts what follows it. */
  static Bytes open(PrivateKey key, byte[] packet) {
    if (packet.length < PREFIX_LENGTH) {
      throw new RlpxException(FailureReason.HANDSHAKE_DECRYPT_FAILED, "packet has no size prefix");
    }
    int size = messageSize(packet[0], packet[1]);
    if (size > MAX_MESSAGE_SIZE) {
      throw new RlpxException(
          FailureReason.HANDSHAKE_TOO_LARGE, size + " bytes, limit " + MAX_MESSAGE_SIZE);
    }
    if (size != packet.length - PREFIX_LENGTH) {
      throw new RlpxException(
          FailureReason.HANDSHAKE_DECRYPT_FAILED,
          "size prefix says " + size + " bytes, packet has " + (packet.length - PREFIX_LENGTH));
    }
    byte[] prefix = {packet[0], packet[1]};
    return Bytes.wrap(Ecies.decrypt(key, packet, PREFIX_LENGTH, size, prefix));
  }

  /** The value of a 2-byte big-endian size prefix. */
  public static int messageSize(byte high, byte low) {
    return ((high & 0xff) << 8) | (low & 0xff);
  }

  private static Bytes32 randomNonce() {
    byte[] nonce = new byte[32];
    RANDOM.nextBytes(nonce);
    return Bytes32.wrap(nonce);
  }
}
