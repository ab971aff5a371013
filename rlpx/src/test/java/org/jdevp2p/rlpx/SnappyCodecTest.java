package org.jdevp2p.rlpx;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnappyCodecTest {
  private final EmbeddedChannel channel = new EmbeddedChannel(new SnappyCodec());

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private static MessageFrame frame(int code, String hex) {
    return new MessageFrame(code, Unpooled.wrappedBuffer(Bytes.fromHexString(hex).toArrayUnsafe()));
  }

  private static Bytes payloadOf(MessageFrame frame) {
    try {
      return Bytes.wrap(ByteBufUtil.getBytes(frame.payload()));
    } finally {
      frame.payload().release();
    }
  }

  private FailureReason inboundFailure(MessageFrame frame) {
    try {
      channel.writeInbound(frame);
    } catch (DecoderException e) {
      return ((RlpxException) e.getCause()).reason();
    }
    throw new AssertionError("decoded without error");
  }

  @Test
  void compressedPingIsTheSpecExample() {
    channel.writeOutbound(frame(Ping.CODE, "c0"));
    MessageFrame out = channel.readOutbound();
    assertThat(out.code()).isEqualTo(Ping.CODE);
    assertThat(payloadOf(out)).isEqualTo(Bytes.fromHexString("0100c0"));
  }

  @Test
  void compressedMessageDecompressesToTheOriginal() {
    byte[] plain = new byte[100_000];
    new Random(1).nextBytes(plain);
    System.arraycopy(plain, 0, plain, 50_000, 50_000); // repetition, so it compresses
    channel.writeOutbound(new MessageFrame(0x10, Unpooled.wrappedBuffer(plain)));
    MessageFrame compressed = channel.readOutbound();
    assertThat(compressed.payload().readableBytes()).isLessThan(plain.length);
    channel.writeInbound(compressed);
    MessageFrame decoded = channel.readInbound();
    assertThat(decoded.code()).isEqualTo(0x10);
    assertThat(payloadOf(decoded)).isEqualTo(Bytes.wrap(plain));
  }

  @Test
  void headerClaimingMoreThan16MiBIsRejectedBeforeDecompressing() {
    // varint 0x01000000 (16 MiB) followed by a literal: one byte over the 0xFFFFFF limit
    assertThat(inboundFailure(frame(0x10, "8080800800c0")))
        .isEqualTo(FailureReason.SNAPPY_TOO_LARGE);
  }

  @Test
  void headerPromisingMoreThanTheBodyCanExpandToIsRejectedBeforeAllocating() {
    channel.config().setAllocator(new SmallBuffersOnly());
    // 0xFFFFFF is within the limit, but 2 bytes of block cannot decode to it
    assertThat(inboundFailure(frame(0x10, "ffffff0700c0"))).isEqualTo(FailureReason.BAD_SNAPPY);
  }

  @Test
  void blockAtTheDensestExpansionStillDecodes() {
    // 641 bytes 'A' = literal "A" (00 41) + ten copies of 64 at offset 1 (fe 0100): 32-byte body
    channel.writeInbound(frame(0x10, "8105" + "0041" + "fe0100".repeat(10)));
    MessageFrame decoded = channel.readInbound();
    assertThat(payloadOf(decoded)).isEqualTo(Bytes.wrap("A".repeat(641).getBytes(US_ASCII)));
  }

  /** An allocator that refuses the big buffers a lying Snappy header would ask for. */
  private static final class SmallBuffersOnly extends io.netty.buffer.AbstractByteBufAllocator {
    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
      if (initialCapacity > 1024) throw new IllegalStateException("allocated " + initialCapacity);
      return Unpooled.buffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
      return newHeapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }
  }

  @Test
  void blockDecodingToLessThanItsHeaderIsRejected() {
    assertThat(inboundFailure(frame(0x10, "0200c0"))).isEqualTo(FailureReason.BAD_SNAPPY);
  }

  @Test
  void blockDecodingToMoreThanItsHeaderIsRejected() {
    // header says 1 byte, literal carries 2
    assertThat(inboundFailure(frame(0x10, "0104c0c0"))).isEqualTo(FailureReason.BAD_SNAPPY);
  }

  @Test
  void truncatedLengthHeaderIsRejected() {
    assertThat(inboundFailure(frame(0x10, "80"))).isEqualTo(FailureReason.BAD_SNAPPY);
  }

  @Test
  void uncompressedDisconnectWithBareReasonIsPassedOn() {
    // ethereumjs: Disconnect payload 0x04 (too many peers), uncompressed, after Snappy is on
    channel.writeInbound(frame(Disconnect.CODE, "04"));
    MessageFrame in = channel.readInbound();
    assertThat(Disconnect.decode(payloadOf(in)).reason())
        .isEqualTo(Disconnect.Reason.TOO_MANY_PEERS);
  }

  @Test
  void compressedDisconnectIsDecompressed() {
    channel.writeInbound(frame(Disconnect.CODE, "0204c108"));
    MessageFrame in = channel.readInbound();
    assertThat(Disconnect.decode(payloadOf(in)).reason()).isEqualTo(Disconnect.Reason.QUITTING);
  }

  @Test
  void outboundPayloadOver0xFFFFFFIsRefused() {
    ByteBuf huge = Unpooled.buffer(SnappyCodec.MAX_UNCOMPRESSED_SIZE + 1);
    huge.writerIndex(SnappyCodec.MAX_UNCOMPRESSED_SIZE + 1);
    assertThat(channel.writeOneOutbound(new MessageFrame(0x10, huge)).cause())
        .isInstanceOf(io.netty.handler.codec.EncoderException.class);
  }
}
