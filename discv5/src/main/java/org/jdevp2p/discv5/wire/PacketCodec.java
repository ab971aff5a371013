package org.jdevp2p.discv5.wire;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.crypto.spec.SecretKeySpec;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.MutableBytes;
import org.jdevp2p.crypto.InvalidKeyException;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.discv5.wire.PacketDecodeException.Reason;
import org.jdevp2p.enr.InvalidRecordException;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * The discv5 packet codec with no I/O (after geth's {@code v5wire.Codec}): bytes in, a {@link
 * Packet} out, and back. Sessions and challenges are passed in by the caller, which owns them; the
 * codec keeps no state between packets except its cipher instances, so one codec serves one thread
 * (the service's event loop) and is not thread-safe.
 *
 * <p>Receiving is two steps: {@link #decode} unmasks and checks the header, then, once the caller
 * has found the session (or the challenge) for the sender, {@link #open} or {@link
 * #acceptHandshake} decrypts the message. Sending: {@link #seal}, {@link #whoAreYou}, {@link
 * #initiateHandshake} or {@link #randomPacket} build a packet, {@link #encode} masks it for its
 * destination.
 */
public final class PacketCodec {
  /** discv5-wire.md: packets are at most 1280 bytes, the IPv6 minimum MTU (geth maxPacketSize). */
  public static final int MAX_PACKET_SIZE = 1280;

  /** The smallest packet, a WHOAREYOU: 16 + 23 + 24 bytes (geth minPacketSize). */
  public static final int MIN_PACKET_SIZE = 63;

  /**
   * Bytes after masking-iv and static header that any packet but a WHOAREYOU must have: 32 bytes of
   * src-id and a 16-byte GCM tag (geth minMessageSize).
   */
  static final int MIN_MESSAGE_SIZE = 48;

  /**
   * Size of the random "message" of a packet sent to a node we have no session with, to provoke a
   * WHOAREYOU (geth randomPacketMsgSize).
   */
  static final int RANDOM_MESSAGE_SIZE = 20;

  private static final int HEADER_PREFIX_SIZE = Packet.MASKING_IV_SIZE + Packet.STATIC_HEADER_SIZE;
  // offsets in the static header and in the handshake authdata
  private static final int VERSION_OFFSET = 6;
  private static final int FLAG_OFFSET = 8;
  private static final int NONCE_OFFSET = 9;
  private static final int AUTH_SIZE_OFFSET = 21;
  private static final int NODE_ID_SIZE = 32;
  private static final int SIG_SIZE_OFFSET = NODE_ID_SIZE;
  private static final int KEY_SIZE_OFFSET = NODE_ID_SIZE + 1;

  private final PrivateKey localKey;
  private final NodeId localId;
  private final SecretKeySpec localMask;
  private final RandomGenerator random;
  private final WireCipher cipher = new WireCipher();

  /**
   * @param localKey our static node key
   * @param random the source of masking IVs, id-nonces and nonce tails: a {@link
   *     java.security.SecureRandom} outside tests
   */
  public PacketCodec(PrivateKey localKey, RandomGenerator random) {
    this.localKey = Objects.requireNonNull(localKey, "localKey");
    this.random = Objects.requireNonNull(random, "random");
    this.localId = NodeId.of(localKey.publicKey());
    this.localMask = maskKey(localId);
  }

  public NodeId localId() {
    return localId;
  }

  // ---------------------------------------------------------------- decoding

  /**
   * Unmasks a datagram addressed to us and checks its header. Message parts stay sealed.
   *
   * @throws PacketDecodeException when any length or header field is wrong; a packet masked for
   *     another node id shows as {@link Reason#BAD_PROTOCOL_ID}
   */
  public Packet decode(Bytes datagram) throws PacketDecodeException {
    int size = datagram.size();
    if (size > MAX_PACKET_SIZE) {
      throw new PacketDecodeException(Reason.TOO_LARGE, size + " bytes");
    }
    if (size < MIN_PACKET_SIZE) {
      throw new PacketDecodeException(Reason.TOO_SHORT, size + " bytes");
    }
    // A private copy: the caller may reuse its buffer, and unmasking writes.
    byte[] in = datagram.toArray();
    cipher.startMask(localMask, in, 0);
    cipher.mask(in, Packet.MASKING_IV_SIZE, Packet.STATIC_HEADER_SIZE, in, Packet.MASKING_IV_SIZE);
    int h = Packet.MASKING_IV_SIZE;
    byte[] protocolId = Packet.PROTOCOL_ID.toArrayUnsafe();
    if (!Arrays.equals(in, h, h + protocolId.length, protocolId, 0, protocolId.length)) {
      throw new PacketDecodeException(Reason.BAD_PROTOCOL_ID, "not discv5 or not for us");
    }
    int version = u16(in, h + VERSION_OFFSET);
    if (version < Packet.VERSION) {
      throw new PacketDecodeException(Reason.UNSUPPORTED_VERSION, "version " + version);
    }
    int flag = in[h + FLAG_OFFSET] & 0xff;
    int remaining = size - HEADER_PREFIX_SIZE;
    if (flag != Packet.WhoAreYou.FLAG && remaining < MIN_MESSAGE_SIZE) {
      throw new PacketDecodeException(Reason.TOO_SHORT, "message packet of " + size + " bytes");
    }
    int authSize = u16(in, h + AUTH_SIZE_OFFSET);
    if (authSize > remaining) {
      throw new PacketDecodeException(
          Reason.BAD_AUTHDATA_SIZE, "authdata-size " + authSize + " beyond packet end");
    }
    cipher.mask(in, HEADER_PREFIX_SIZE, authSize, in, HEADER_PREFIX_SIZE);

    Bytes iv = Bytes.wrap(in, 0, Packet.MASKING_IV_SIZE);
    Bytes nonce = Bytes.wrap(in, h + NONCE_OFFSET, Packet.NONCE_SIZE);
    Bytes authData = Bytes.wrap(in, HEADER_PREFIX_SIZE, authSize);
    int messageSize = remaining - authSize;
    // tuweni refuses to wrap zero bytes at the end of an array
    Bytes message =
        messageSize == 0 ? Bytes.EMPTY : Bytes.wrap(in, HEADER_PREFIX_SIZE + authSize, messageSize);
    return switch (flag) {
      case Packet.Ordinary.FLAG -> decodeOrdinary(iv, nonce, authData, message);
      case Packet.WhoAreYou.FLAG -> decodeWhoAreYou(iv, nonce, authData, message);
      case Packet.Handshake.FLAG -> decodeHandshake(iv, nonce, authData, message);
      default -> throw new PacketDecodeException(Reason.BAD_FLAG, "flag " + flag);
    };
  }

  private static Packet decodeOrdinary(Bytes iv, Bytes nonce, Bytes authData, Bytes message)
      throws PacketDecodeException {
    if (authData.size() != Packet.Ordinary.AUTH_DATA_SIZE) {
      throw new PacketDecodeException(
          Reason.BAD_AUTHDATA_SIZE, "message authdata of " + authData.size() + " bytes");
    }
    return new Packet.Ordinary(iv, nonce, NodeId.fromBytes(authData), message);
  }

  private static Packet decodeWhoAreYou(Bytes iv, Bytes nonce, Bytes authData, Bytes message)
      throws PacketDecodeException {
    if (authData.size() != Packet.WhoAreYou.AUTH_DATA_SIZE) {
      throw new PacketDecodeException(
          Reason.BAD_AUTHDATA_SIZE, "WHOAREYOU authdata of " + authData.size() + " bytes");
    }
    if (!message.isEmpty()) {
      throw new PacketDecodeException(
          Reason.TRAILING_DATA, message.size() + " bytes after WHOAREYOU authdata");
    }
    Bytes idNonce = authData.slice(0, Packet.WhoAreYou.ID_NONCE_SIZE);
    long enrSeq = authData.slice(Packet.WhoAreYou.ID_NONCE_SIZE).toLong();
    return new Packet.WhoAreYou(iv, nonce, idNonce, enrSeq);
  }

  private static Packet decodeHandshake(Bytes iv, Bytes nonce, Bytes authData, Bytes message)
      throws PacketDecodeException {
    if (authData.size() < Packet.Handshake.FIXED_AUTH_DATA_SIZE) {
      throw new PacketDecodeException(
          Reason.BAD_AUTHDATA_SIZE, "handshake authdata of " + authData.size() + " bytes");
    }
    int sigSize = authData.get(SIG_SIZE_OFFSET) & 0xff;
    int keySize = authData.get(KEY_SIZE_OFFSET) & 0xff;
    if (sigSize != Packet.Handshake.SIGNATURE_SIZE
        || keySize != Packet.Handshake.EPHEMERAL_KEY_SIZE) {
      throw new PacketDecodeException(
          Reason.BAD_HANDSHAKE_AUTHDATA, "sig-size " + sigSize + ", eph-key-size " + keySize);
    }
    int recordOffset = Packet.Handshake.FIXED_AUTH_DATA_SIZE + sigSize + keySize;
    if (authData.size() < recordOffset) {
      throw new PacketDecodeException(
          Reason.BAD_AUTHDATA_SIZE, "handshake authdata of " + authData.size() + " bytes");
    }
    int recordSize = authData.size() - recordOffset;
    if (recordSize > NodeRecord.MAX_SIZE) {
      throw new PacketDecodeException(Reason.BAD_RECORD, "record of " + recordSize + " bytes");
    }
    if (message.size() < WireCipher.TAG_SIZE) {
      throw new PacketDecodeException(Reason.TOO_SHORT, "handshake without message");
    }
    return new Packet.Handshake(
        iv,
        nonce,
        NodeId.fromBytes(authData.slice(0, NODE_ID_SIZE)),
        authData.slice(Packet.Handshake.FIXED_AUTH_DATA_SIZE, sigSize),
        authData.slice(Packet.Handshake.FIXED_AUTH_DATA_SIZE + sigSize, keySize),
        recordSize == 0 ? Optional.empty() : Optional.of(authData.slice(recordOffset)),
        message);
  }

  /**
   * Decrypts an ordinary message packet with the session we hold for its sender.
   *
   * @throws PacketDecodeException {@link Reason#MESSAGE_DECRYPT} when the session's key does not
   *     open it (the caller answers with WHOAREYOU), or a message decoding reason
   */
  public Message open(Packet.Ordinary packet, Session session) throws PacketDecodeException {
    return open(packet, packet.message(), session);
  }

  private Message open(Packet packet, Bytes sealed, Session session) throws PacketDecodeException {
    byte[] plaintext =
        cipher.open(
            session.readKey(),
            packet.nonce().toArrayUnsafe(),
            packet.headerData().toArrayUnsafe(),
            sealed.toArrayUnsafe(),
            0,
            sealed.size());
    if (plaintext == null) {
      throw new PacketDecodeException(Reason.MESSAGE_DECRYPT, "GCM tag does not verify");
    }
    return MessageCodec.decode(Bytes.wrap(plaintext));
  }

  // ---------------------------------------------------------------- handshake

  /**
   * What completing a handshake as recipient gives.
   *
   * @param session the new session, to be cached for the sender's id and endpoint
   * @param message the message the handshake carried
   * @param record the sender's record from the handshake, when it was newer than the one we held
   */
  public record Accepted(Session session, Message message, Optional<NodeRecord> record) {}

  /**
   * Completes a handshake as recipient (discv5-theory.md "Handshake Steps"), given the challenge
   * data of the WHOAREYOU we sent the sender and the sender's record if we hold one. A record in
   * the packet is used when newer than ours (it must verify and belong to the sender); then the
   * id-signature and the ephemeral key are checked, the session keys derived and the message opened
   * (geth decodeHandshake).
   */
  public Accepted acceptHandshake(
      Packet.Handshake packet, Bytes challengeData, Optional<NodeRecord> known)
      throws PacketDecodeException {
    Optional<NodeRecord> sent = Optional.empty();
    if (packet.record().isPresent()) {
      NodeRecord record;
      try {
        record = NodeRecord.decode(packet.record().get());
      } catch (InvalidRecordException e) {
        throw new PacketDecodeException(Reason.BAD_RECORD, e.getMessage());
      }
      if (known.isEmpty() || Long.compareUnsigned(known.get().seq(), record.seq()) < 0) {
        if (!record.nodeId().equals(packet.srcId())) {
          throw new PacketDecodeException(
              Reason.BAD_RECORD, "record of " + record.nodeId() + " from " + packet.srcId());
        }
        sent = Optional.of(record);
      }
    }
    Optional<NodeRecord> remote = sent.or(() -> known);
    if (remote.isEmpty()) {
      throw new PacketDecodeException(Reason.NO_RECORD, "from " + packet.srcId());
    }
    Accepted keyed = acceptHandshake(packet, challengeData, remote.get().publicKey());
    return new Accepted(keyed.session(), keyed.message(), sent);
  }

  /**
   * Completes a handshake against the sender's static key, for a caller that has already chosen the
   * sender's record; the result carries no record.
   */
  public Accepted acceptHandshake(Packet.Handshake packet, Bytes challengeData, PublicKey remoteKey)
      throws PacketDecodeException {
    if (!HandshakeCrypto.verifyId(
        remoteKey, packet.idSignature(), challengeData, packet.ephemeralKey(), localId)) {
      throw new PacketDecodeException(Reason.BAD_ID_SIGNATURE, "from " + packet.srcId());
    }
    PublicKey ephemeral;
    try {
      ephemeral = PublicKey.fromBytes(packet.ephemeralKey());
    } catch (InvalidKeyException e) {
      throw new PacketDecodeException(Reason.BAD_EPHEMERAL_KEY, e.getMessage());
    }
    HandshakeCrypto.SessionKeys keys =
        HandshakeCrypto.deriveKeys(
            HandshakeCrypto.ecdh(localKey, ephemeral), challengeData, packet.srcId(), localId);
    Session session = new Session(keys.recipientKey(), keys.initiatorKey(), random);
    return new Accepted(session, open(packet, packet.message(), session), Optional.empty());
  }

  /** What answering a WHOAREYOU gives: the handshake packet and the session it sets up. */
  public record Initiated(Packet.Handshake packet, Session session) {}

  /**
   * Answers a WHOAREYOU from {@code dest}, sending our record when the challenge shows an older one
   * (enr-seq below our record's, which includes 0 for none).
   *
   * @param localRecord our current record
   */
  public Initiated initiateHandshake(
      Packet.WhoAreYou challenge, NodeRecord dest, NodeRecord localRecord, Message message) {
    Optional<Bytes> record =
        Long.compareUnsigned(challenge.enrSeq(), localRecord.seq()) < 0
            ? Optional.of(localRecord.encoded())
            : Optional.empty();
    return initiateHandshake(challenge, dest.nodeId(), dest.publicKey(), record, message);
  }

  /**
   * Answers a WHOAREYOU: a fresh ephemeral key, the session keys, the id-signature, and the message
   * sealed under the new initiator-key.
   *
   * @param record our RLP-encoded record, when it is to go along
   */
  public Initiated initiateHandshake(
      Packet.WhoAreYou challenge,
      NodeId destId,
      PublicKey destKey,
      Optional<Bytes> record,
      Message message) {
    return initiateHandshake(
        challenge,
        destId,
        destKey,
        record,
        message,
        PrivateKey.random(),
        randomBytes(Packet.MASKING_IV_SIZE));
  }

  Initiated initiateHandshake(
      Packet.WhoAreYou challenge,
      NodeId destId,
      PublicKey destKey,
      Optional<Bytes> record,
      Message message,
      PrivateKey ephemeral,
      Bytes maskingIv) {
    Bytes challengeData = challenge.challengeData();
    Bytes ephemeralKey = ephemeral.publicKey().compressed();
    HandshakeCrypto.SessionKeys keys =
        HandshakeCrypto.deriveKeys(
            HandshakeCrypto.ecdh(ephemeral, destKey), challengeData, localId, destId);
    Session session = new Session(keys.initiatorKey(), keys.recipientKey(), random);
    Bytes signature = HandshakeCrypto.signId(localKey, challengeData, ephemeralKey, destId);
    Packet.Handshake header =
        new Packet.Handshake(
            maskingIv,
            Bytes.wrap(session.nextNonce()),
            localId,
            signature,
            ephemeralKey,
            record,
            Bytes.EMPTY);
    Bytes sealed = sealMessage(header, session, MessageCodec.encode(message));
    return new Initiated(
        new Packet.Handshake(
            maskingIv, header.nonce(), localId, signature, ephemeralKey, record, sealed),
        session);
  }

  // ---------------------------------------------------------------- encoding

  /** Seals a message under the session's write key into an ordinary message packet. */
  public Packet.Ordinary seal(Session session, Message message) {
    return seal(
        randomBytes(Packet.MASKING_IV_SIZE),
        Bytes.wrap(session.nextNonce()),
        session,
        MessageCodec.encode(message));
  }

  Packet.Ordinary seal(Bytes maskingIv, Bytes nonce, Session session, Bytes plaintext) {
    Packet.Ordinary header = new Packet.Ordinary(maskingIv, nonce, localId, Bytes.EMPTY);
    return new Packet.Ordinary(maskingIv, nonce, localId, sealMessage(header, session, plaintext));
  }

  private Bytes sealMessage(Packet header, Session session, Bytes plaintext) {
    byte[] aad = header.headerData().toArrayUnsafe();
    byte[] pt = plaintext.toArrayUnsafe();
    byte[] out = new byte[pt.length + WireCipher.TAG_SIZE];
    cipher.seal(
        session.writeKey(),
        header.nonce().toArrayUnsafe(),
        aad,
        aad.length,
        pt,
        0,
        pt.length,
        out,
        0);
    return Bytes.wrap(out);
  }

  /**
   * A packet for a node we have no session with: random nonce and 20 random bytes the recipient
   * cannot decrypt, so that it answers with WHOAREYOU (geth's encodeRandom).
   */
  public Packet.Ordinary randomPacket() {
    return new Packet.Ordinary(
        randomBytes(Packet.MASKING_IV_SIZE),
        randomBytes(Packet.NONCE_SIZE),
        localId,
        randomBytes(RANDOM_MESSAGE_SIZE));
  }

  /**
   * A challenge for the packet with {@code nonce} that we could not decrypt.
   *
   * @param enrSeq the sequence number of the sender's record we hold, 0 if none
   */
  public Packet.WhoAreYou whoAreYou(Bytes nonce, long enrSeq) {
    return new Packet.WhoAreYou(
        randomBytes(Packet.MASKING_IV_SIZE),
        nonce,
        randomBytes(Packet.WhoAreYou.ID_NONCE_SIZE),
        enrSeq);
  }

  /**
   * The datagram of a packet: its header masked with the destination's id.
   *
   * @throws IllegalArgumentException when the packet would exceed 1280 bytes
   */
  public Bytes encode(Packet packet, NodeId destId) {
    byte[] header = packet.headerData().toArrayUnsafe();
    Bytes message =
        switch (packet) {
          case Packet.Ordinary o -> o.message();
          case Packet.Handshake hs -> hs.message();
          case Packet.WhoAreYou w -> Bytes.EMPTY;
        };
    int size = header.length + message.size();
    if (size > MAX_PACKET_SIZE) {
      throw new IllegalArgumentException("packet of " + size + " bytes exceeds " + MAX_PACKET_SIZE);
    }
    byte[] out = new byte[size];
    System.arraycopy(header, 0, out, 0, Packet.MASKING_IV_SIZE);
    cipher.startMask(maskKey(destId), header, 0);
    cipher.mask(
        header,
        Packet.MASKING_IV_SIZE,
        header.length - Packet.MASKING_IV_SIZE,
        out,
        Packet.MASKING_IV_SIZE);
    message.copyTo(MutableBytes.wrap(out), header.length);
    return Bytes.wrap(out);
  }

  private Bytes randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return Bytes.wrap(b);
  }

  /** Headers are masked with AES-CTR keyed by the first 16 bytes of the recipient's id. */
  private static SecretKeySpec maskKey(NodeId id) {
    return WireCipher.key(id.bytes().toArrayUnsafe(), 0);
  }

  private static int u16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }
}
