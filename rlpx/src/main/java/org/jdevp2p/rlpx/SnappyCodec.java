package org.jdevp2p.rlpx;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.compression.Snappy;
import java.util.List;

/**
 * Snappy block compression of message payloads (p2p v5), in both directions. {@link P2pHandler}
 * puts it in the pipeline once the peer's Hello says version 5 or more; Hello itself is never
 * compressed.
 *
 * <p>Before decompressing it reads the uncompressed length from the Snappy header and refuses one
 * above {@link #MAX_UNCOMPRESSED_SIZE}, so a peer cannot make us allocate more than that.
 */
final class SnappyCodec extends MessageToMessageCodec<MessageFrame, MessageFrame> {

  /**
   * The largest payload before compression, in both directions: geth's maxUint24 (a message
   * decoding to more is errPlainMessageTooLarge; the rlpx spec says 16 MiB).
   */
  static final int MAX_UNCOMPRESSED_SIZE = 0xFFFFFF;

  /**
   * The most a Snappy block can grow per input byte: its densest element is a copy with a 2-byte
   * offset, 3 bytes that stand for up to 64 (64/3 < 22). A header promising more than the body can
   * produce is refused before the output buffer is allocated, so a 6-byte frame cannot make us
   * allocate 16 MiB.
   */
  static final int MAX_EXPANSION = 22;

  /** A Snappy length header is a varint of at most 5 bytes (32 bits). */
  private static final int MAX_VARINT_BYTES = 5;

  // One connection's codec runs on one event loop; the tables are reused across messages.
  private final Snappy encoder = Snappy.withHashTableReuse();
  private final Snappy decoder = new Snappy();

  @Override
  protected void encode(ChannelHandlerContext ctx, MessageFrame frame, List<Object> out) {
    ByteBuf plain = frame.payload();
    int size = plain.readableBytes();
    if (size > MAX_UNCOMPRESSED_SIZE) {
      throw new IllegalArgumentException("message payload of " + size + " bytes exceeds 0xFFFFFF");
    }
    ByteBuf compressed = ctx.alloc().buffer(maxCompressedLength(size));
    try {
      encoder.reset();
      encoder.encode(plain, compressed, size);
    } catch (RuntimeException e) {
      compressed.release();
      throw e;
    }
    out.add(new MessageFrame(frame.code(), compressed));
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, MessageFrame frame, List<Object> out) {
    ByteBuf payload = frame.payload();
    if (frame.code() == Disconnect.CODE) {
      // ethereumjs sends its Disconnect uncompressed (a bare reason number) even after Snappy is
      // on; a payload that is no valid Snappy block is therefore passed on as it is.
      ByteBuf plain = tryDecompress(ctx, payload);
      out.add(new MessageFrame(frame.code(), plain != null ? plain : payload.retain()));
      return;
    }
    out.add(new MessageFrame(frame.code(), decompress(ctx, payload)));
  }

  /** Decompressed payload, or null when the payload is not a valid Snappy block. */
  private ByteBuf tryDecompress(ChannelHandlerContext ctx, ByteBuf payload) {
    try {
      return decompress(ctx, payload.duplicate());
    } catch (RlpxException e) {
      return null;
    }
  }

  private ByteBuf decompress(ChannelHandlerContext ctx, ByteBuf payload) {
    int declared = uncompressedLength(payload);
    if (declared > MAX_UNCOMPRESSED_SIZE) {
      throw new RlpxException(
          FailureReason.SNAPPY_TOO_LARGE,
          "Snappy payload claims " + declared + " bytes, over the 0xFFFFFF limit");
    }
    long body = payload.readableBytes() - varintLength(declared);
    if (body * MAX_EXPANSION < declared) {
      throw new RlpxException(
          FailureReason.BAD_SNAPPY,
          "Snappy header claims " + declared + " bytes from a " + body + "-byte block");
    }
    // The output cannot grow past the declared length: a block that decodes to more fails here.
    ByteBuf plain = ctx.alloc().heapBuffer(declared, declared);
    try {
      decoder.reset();
      decoder.decode(payload, plain);
      if (plain.readableBytes() != declared || payload.isReadable()) {
        throw new RlpxException(
            FailureReason.BAD_SNAPPY,
            "Snappy payload decodes to "
                + plain.readableBytes()
                + " bytes, header said "
                + declared);
      }
      return plain;
    } catch (RlpxException e) {
      plain.release();
      throw e;
    } catch (RuntimeException e) { // DecompressionException, IndexOutOfBoundsException
      plain.release();
      throw new RlpxException(FailureReason.BAD_SNAPPY, "bad Snappy payload: " + e.getMessage());
    }
  }

  /** Reads the varint header without consuming it (Netty's decoder reads it again). */
  static int uncompressedLength(ByteBuf payload) {
    long value = 0;
    int index = payload.readerIndex();
    for (int i = 0; i < MAX_VARINT_BYTES; i++) {
      if (index + i >= payload.writerIndex()) break;
      int b = payload.getUnsignedByte(index + i);
      value |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        return value > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) value;
      }
    }
    throw new RlpxException(FailureReason.BAD_SNAPPY, "Snappy length header is truncated or long");
  }

  /** Bytes of the varint that encodes {@code value}. */
  private static int varintLength(int value) {
    int bytes = 1;
    while ((value >>>= 7) != 0) bytes++;
    return bytes;
  }

  /** Snappy's worst case (snappy.cc MaxCompressedLength). */
  static int maxCompressedLength(int size) {
    return 32 + size + size / 6;
  }
}
