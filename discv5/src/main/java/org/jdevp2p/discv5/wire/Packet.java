package org.jdevp2p.discv5.wire;

import java.util.Objects;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.MutableBytes;
import org.jdevp2p.node.NodeId;

/**
 * A discv5 packet with its header unmasked (discv5-wire.md "Packet Encoding"): {@code masking-iv ||
 * static-header || authdata || message}. Message parts stay sealed (AES-GCM ciphertext with tag);
 * {@link PacketCodec} opens them once the caller has found the session or the challenge.
 *
 * <p>Records check field sizes when built; they are what {@link PacketCodec#decode} returns after
 * checking every length, and {@link PacketCodec#encode} turns each back into the same bytes.
 */
public sealed interface Packet permits Packet.Ordinary, Packet.WhoAreYou, Packet.Handshake {

  /** Random bytes in front of the packet, the IV of the AES-CTR header mask. */
  int MASKING_IV_SIZE = 16;

  /** AES-GCM nonce, also the packet's identity for matching a WHOAREYOU to its request. */
  int NONCE_SIZE = 12;

  /** protocol-id (6) || version (2) || flag (1) || nonce (12) || authdata-size (2). */
  int STATIC_HEADER_SIZE = 23;

  /** The protocol id "discv5" that starts every unmasked static header. */
  Bytes PROTOCOL_ID = Bytes.wrap(new byte[] {'d', 'i', 's', 'c', 'v', '5'});

  /** Version 0x0001 of discv5.1, the one we send; geth accepts any version >= 1. */
  int VERSION = 1;

  /** The header's nonce. */
  Bytes nonce();

  /** The 16 random bytes in front of the packet. */
  Bytes maskingIv();

  /** 0 ordinary message, 1 WHOAREYOU, 2 handshake. */
  int flag();

  /** The authdata section of the header, unmasked. */
  Bytes authData();

  /**
   * {@code masking-iv || static-header || authdata}, unmasked: the associated data of the message's
   * AES-GCM seal, and for a WHOAREYOU the challenge-data the handshake keys are derived from.
   */
  default Bytes headerData() {
    Bytes authData = authData();
    MutableBytes out = MutableBytes.create(MASKING_IV_SIZE + STATIC_HEADER_SIZE + authData.size());
    maskingIv().copyTo(out, 0);
    int p = MASKING_IV_SIZE;
    PROTOCOL_ID.copyTo(out, p);
    p += PROTOCOL_ID.size();
    out.set(p++, (byte) (VERSION >>> 8));
    out.set(p++, (byte) VERSION);
    out.set(p++, (byte) flag());
    nonce().copyTo(out, p);
    p += NONCE_SIZE;
    out.set(p++, (byte) (authData.size() >>> 8));
    out.set(p++, (byte) authData.size());
    authData.copyTo(out, p);
    return out;
  }

  /**
   * An ordinary message packet (flag 0): authdata is the sender's node id.
   *
   * @param message the AES-GCM ciphertext with its 16-byte tag
   */
  record Ordinary(Bytes maskingIv, Bytes nonce, NodeId srcId, Bytes message) implements Packet {
    public static final int FLAG = 0;

    /** authdata = src-id. */
    public static final int AUTH_DATA_SIZE = 32;

    public Ordinary {
      checkCommon(maskingIv, nonce);
      Objects.requireNonNull(srcId, "srcId");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public int flag() {
      return FLAG;
    }

    @Override
    public Bytes authData() {
      return srcId.bytes();
    }
  }

  /**
   * A WHOAREYOU challenge (flag 1). It has no message part; its nonce is the nonce of the packet
   * that could not be decrypted.
   *
   * @param idNonce 16 random bytes the handshake signature covers
   * @param enrSeq the sequence number of the recipient's record that the challenger holds, 0 if
   *     none; an unsigned 64-bit value
   */
  record WhoAreYou(Bytes maskingIv, Bytes nonce, Bytes idNonce, long enrSeq) implements Packet {
    public static final int FLAG = 1;

    /** The random part of the challenge (spec: id-nonce, 16 bytes). */
    public static final int ID_NONCE_SIZE = 16;

    /** authdata = id-nonce (16) || enr-seq (8, big-endian). */
    public static final int AUTH_DATA_SIZE = ID_NONCE_SIZE + 8;

    public WhoAreYou {
      checkCommon(maskingIv, nonce);
      checkSize(idNonce, ID_NONCE_SIZE, "id-nonce");
    }

    @Override
    public int flag() {
      return FLAG;
    }

    @Override
    public Bytes authData() {
      return Bytes.concatenate(idNonce, Bytes.ofUnsignedLong(enrSeq));
    }

    /** The challenge-data a handshake answering this WHOAREYOU is bound to (63 bytes). */
    public Bytes challengeData() {
      return headerData();
    }
  }

  /**
   * A handshake message packet (flag 2) for the "v4" identity scheme.
   *
   * @param idSignature 64 bytes r || s over the id-signature hash
   * @param ephemeralKey the 33-byte compressed ephemeral public key, not yet checked to lie on the
   *     curve
   * @param record the sender's RLP-encoded node record, when the challenge showed an older one
   * @param message the AES-GCM ciphertext with its 16-byte tag
   */
  record Handshake(
      Bytes maskingIv,
      Bytes nonce,
      NodeId srcId,
      Bytes idSignature,
      Bytes ephemeralKey,
      Optional<Bytes> record,
      Bytes message)
      implements Packet {
    public static final int FLAG = 2;

    /** src-id (32) || sig-size (1) || eph-key-size (1): the fixed part of the authdata. */
    public static final int FIXED_AUTH_DATA_SIZE = 34;

    /** A "v4" id-signature: r || s without recovery id. */
    public static final int SIGNATURE_SIZE = 64;

    /** A "v4" ephemeral key: SEC1 compressed. */
    public static final int EPHEMERAL_KEY_SIZE = 33;

    public Handshake {
      checkCommon(maskingIv, nonce);
      Objects.requireNonNull(srcId, "srcId");
      checkSize(idSignature, SIGNATURE_SIZE, "id-signature");
      checkSize(ephemeralKey, EPHEMERAL_KEY_SIZE, "ephemeral key");
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public int flag() {
      return FLAG;
    }

    @Override
    public Bytes authData() {
      return Bytes.concatenate(
          srcId.bytes(),
          Bytes.of(SIGNATURE_SIZE, EPHEMERAL_KEY_SIZE),
          idSignature,
          ephemeralKey,
          record.orElse(Bytes.EMPTY));
    }
  }

  private static void checkCommon(Bytes maskingIv, Bytes nonce) {
    checkSize(maskingIv, MASKING_IV_SIZE, "masking-iv");
    checkSize(nonce, NONCE_SIZE, "nonce");
  }

  private static void checkSize(Bytes value, int size, String what) {
    Objects.requireNonNull(value, what);
    if (value.size() != size) {
      throw new IllegalArgumentException(what + " must be " + size + " bytes, got " + value.size());
    }
  }
}
