package org.jdevp2p.rlpx.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jdevp2p.rlpx.FailureReason;
import org.jdevp2p.rlpx.MessageFrame;
import org.jdevp2p.rlpx.RlpxException;
import org.jdevp2p.rlpx.handshake.Secrets;

/**
 * RLPx framing (spec rlpx.md 4) as a codec with no I/O: {@link MessageFrame}s to frames and back,
 * for one connection. Frame layout: {@code header-ciphertext(16) || header-mac(16) ||
 * frame-ciphertext || frame-mac(16)}; each direction has one AES-256-CTR keystream for the life of
 * the connection and its own MAC state. Not thread-safe: one connection, one event loop.
 *
 * <p>Frames are built and read in heap buffers: the JDK's AES (AES-NI intrinsics) and our Keccak
 * work on arrays, so the only copy is the one into (or out of) the frame buffer.
 */
public final class FrameCodec {
  /** The encrypted header: 3-byte size, header-data, zero padding. */
  private static final int HEADER_LENGTH = 16;

  /** Header ciphertext plus header MAC: what we need before knowing a frame's size. */
  public static final int HEADER_AND_MAC_LENGTH = HEADER_LENGTH + MacState.MAC_LENGTH;

  /** Frame data is padded to the AES block size. */
  private static final int BLOCK = 16;

  /**
   * header-data = RLP [capability-id = 0, context-id = 0], what geth writes (readers ignore it).
   */
  private static final byte[] HEADER_DATA = {(byte) 0xc2, (byte) 0x80, (byte) 0x80};

  /**
   * The frame-size field has 3 bytes, so no frame holds more than 2^24 - 1 bytes of data; geth
   * names the same bound maxUint24 and applies it to frames and to decompressed messages.
   */
  public static final int MAX_FRAME_SIZE = 0xFFFFFF;

  /**
   * Message ids are RLP integers of at most 3 bytes (up to 2^24 - 1): the id space is 16 p2p ids
   * plus the capabilities' ranges, far below that, and it keeps {@link MessageFrame#code()} an int.
   */
  public static final int MAX_MESSAGE_ID = 0xFFFFFF;

  private final int maxFrameSize;
  private final Cipher encryptor;
  private final Cipher decryptor;
  private final MacState egressMac;
  private final MacState ingressMac;
  private final byte[] header = new byte[HEADER_AND_MAC_LENGTH];
  private final byte[] mac = new byte[MacState.MAC_LENGTH];
  private final byte[] expected = new byte[MacState.MAC_LENGTH];

  /** Size of the frame whose header was read and whose body has not arrived yet, or -1. */
  private int pendingFrameSize = -1;

  /**
   * @param secrets the handshake's outcome
   * @param maxFrameSize the largest frame data read or written, at most {@link #MAX_FRAME_SIZE}
   */
  public FrameCodec(Secrets secrets, int maxFrameSize) {
    if (maxFrameSize < 1 || maxFrameSize > MAX_FRAME_SIZE) {
      throw new IllegalArgumentException("max frame size out of range: " + maxFrameSize);
    }
    this.maxFrameSize = maxFrameSize;
    byte[] aesSecret = secrets.aesSecret().toArray();
    byte[] macSecret = secrets.macSecret().toArray();
    this.encryptor = ctr(Cipher.ENCRYPT_MODE, aesSecret);
    this.decryptor = ctr(Cipher.DECRYPT_MODE, aesSecret);
    this.egressMac = new MacState(secrets.egressMacSeed(), macSecret);
    this.ingressMac = new MacState(secrets.ingressMacSeed(), macSecret);
  }

  private static Cipher ctr(int mode, byte[] key) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[BLOCK]));
      return cipher;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks AES-256-CTR", e);
    }
  }

  /**
   * Writes one frame holding {@code code} and the readable bytes of {@code payload} (which is left
   * untouched) into a new buffer. Throws {@link RlpxException} with {@link
   * FailureReason#FRAME_TOO_LARGE} before allocating anything when the frame data exceeds the
   * limit.
   */
  public ByteBuf encode(int code, ByteBuf payload, ByteBufAllocator alloc) {
    if (code < 0 || code > MAX_MESSAGE_ID) {
      throw new IllegalArgumentException("message id out of range: " + code);
    }
    return seal(code, idLength(code), payload, alloc);
  }

  /** A frame whose data is {@code frameData} as it is, no id prepended: for bad-input tests. */
  ByteBuf encodeRaw(ByteBuf frameData, ByteBufAllocator alloc) {
    return seal(0, 0, frameData, alloc);
  }

  private ByteBuf seal(int code, int idLength, ByteBuf payload, ByteBufAllocator alloc) {
    long frameSize = (long) idLength + payload.readableBytes();
    if (frameSize > maxFrameSize) {
      throw new RlpxException(
          FailureReason.FRAME_TOO_LARGE, frameSize + " bytes, limit " + maxFrameSize);
    }
    int padded = padded((int) frameSize);
    int total = HEADER_AND_MAC_LENGTH + padded + MacState.MAC_LENGTH;
    ByteBuf out = alloc.heapBuffer(total, total);
    try {
      byte[] a = out.array();
      int base = out.arrayOffset() + out.writerIndex();
      out.writeMedium((int) frameSize);
      out.writeBytes(HEADER_DATA);
      out.writeZero(HEADER_LENGTH - 3 - HEADER_DATA.length);
      crypt(encryptor, a, base, HEADER_LENGTH);
      egressMac.headerMac(a, base, a, base + HEADER_LENGTH);
      out.writerIndex(out.writerIndex() + MacState.MAC_LENGTH);
      if (idLength > 0) writeId(out, code, idLength);
      out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
      out.writeZero(padded - (int) frameSize);
      int body = base + HEADER_AND_MAC_LENGTH;
      crypt(encryptor, a, body, padded);
      egressMac.frameMac(a, body, padded, a, body + padded);
      out.writerIndex(out.writerIndex() + MacState.MAC_LENGTH);
      return out;
    } catch (RuntimeException e) {
      out.release();
      throw e;
    }
  }

  /**
   * Reads the next frame from {@code in} if all of it has arrived, else returns null having
   * consumed only a verified header. Throws {@link RlpxException} for a bad header MAC, a size over
   * the limit (before allocating the body), a bad frame MAC or a malformed message id; the codec is
   * unusable after that and the connection must be closed.
   */
  public MessageFrame decode(ByteBuf in, ByteBufAllocator alloc) {
    if (pendingFrameSize < 0) {
      if (in.readableBytes() < HEADER_AND_MAC_LENGTH) return null;
      in.readBytes(header);
      ingressMac.headerMac(header, 0, expected, 0);
      MacState.check(expected, header, HEADER_LENGTH, FailureReason.BAD_HEADER_MAC);
      crypt(decryptor, header, 0, HEADER_LENGTH);
      int size = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
      if (size > maxFrameSize) {
        throw new RlpxException(
            FailureReason.FRAME_TOO_LARGE, size + " bytes, limit " + maxFrameSize);
      }
      if (size == 0) {
        throw new RlpxException(FailureReason.MALFORMED_FRAME, "empty frame has no message id");
      }
      pendingFrameSize = size;
    }
    int size = pendingFrameSize;
    int padded = padded(size);
    if (in.readableBytes() < padded + MacState.MAC_LENGTH) return null;
    pendingFrameSize = -1;
    ByteBuf body = alloc.heapBuffer(padded, padded);
    try {
      in.readBytes(body, padded);
      in.readBytes(mac);
      byte[] a = body.array();
      int base = body.arrayOffset() + body.readerIndex();
      ingressMac.frameMac(a, base, padded, expected, 0);
      MacState.check(expected, mac, 0, FailureReason.BAD_FRAME_MAC);
      crypt(decryptor, a, base, padded);
      int code = readId(a, base, size);
      int idLength = idLength(code); // readId accepts only the canonical encoding
      return new MessageFrame(code, body.slice(body.readerIndex() + idLength, size - idLength));
    } catch (RuntimeException e) {
      body.release();
      throw e;
    }
  }

  private static void crypt(Cipher cipher, byte[] a, int offset, int length) {
    try {
      cipher.update(a, offset, length, a, offset);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int padded(int size) {
    return (size + BLOCK - 1) & -BLOCK;
  }

  /** Bytes of the RLP integer encoding of a message id: 0 is 0x80, below 0x80 is itself. */
  static int idLength(int code) {
    if (code < 0x80) return 1;
    return 1 + (4 - Integer.numberOfLeadingZeros(code) / 8);
  }

  private static void writeId(ByteBuf out, int code, int idLength) {
    if (code == 0) {
      out.writeByte(0x80);
    } else if (code < 0x80) {
      out.writeByte(code);
    } else {
      out.writeByte(0x80 + idLength - 1);
      for (int shift = 8 * (idLength - 2); shift >= 0; shift -= 8) out.writeByte(code >>> shift);
    }
  }

  /** Reads the canonical RLP integer at the start of the frame data. */
  private static int readId(byte[] a, int offset, int size) {
    int first = a[offset] & 0xff;
    if (first < 0x80) {
      if (first == 0) throw malformed("message id 0 must be encoded as 0x80, not 0x00");
      return first;
    }
    if (first == 0x80) return 0;
    int length = first - 0x80;
    if (length > 3) throw malformed("message id is not an integer of at most 3 bytes");
    if (1 + length > size) throw malformed("message id longer than the frame");
    if (a[offset + 1] == 0) throw malformed("message id has a leading zero");
    int code = 0;
    for (int i = 1; i <= length; i++) code = (code << 8) | (a[offset + i] & 0xff);
    if (code < 0x80) throw malformed("message id below 0x80 must be a single byte");
    return code;
  }

  private static RlpxException malformed(String message) {
    return new RlpxException(FailureReason.MALFORMED_FRAME, message);
  }
}
