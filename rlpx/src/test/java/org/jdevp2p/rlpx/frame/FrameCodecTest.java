package org.jdevp2p.rlpx.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.rlpx.FailureReason;
import org.jdevp2p.rlpx.MessageFrame;
import org.jdevp2p.rlpx.RlpxException;
import org.jdevp2p.rlpx.handshake.AuthReplayCache;
import org.jdevp2p.rlpx.handshake.Handshake;
import org.jdevp2p.rlpx.handshake.HandshakeConfig;
import org.jdevp2p.rlpx.handshake.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {
  private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
  private static final int MAX = HandshakeConfig.MAX_FRAME_SIZE;
  private static final Random RANDOM = new Random(42);

  /** Any allocation fails the test: proves a frame was refused before a buffer was made. */
  private static final ByteBufAllocator NO_ALLOCATION =
      new AbstractByteBufAllocator() {
        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
          throw new AssertionError("allocated " + initialCapacity + " bytes");
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
          throw new AssertionError("allocated " + initialCapacity + " bytes");
        }

        @Override
        public boolean isDirectBufferPooled() {
          return false;
        }
      };

  /** The two ends of one connection, from a real handshake. */
  private record Pair(FrameCodec sender, FrameCodec receiver) {}

  private static Pair pair(int senderMax, int receiverMax) {
    PrivateKey a = PrivateKey.random();
    PrivateKey b = PrivateKey.random();
    HandshakeConfig config = HandshakeConfig.defaults();
    Handshake.Initiator initiator = new Handshake.Initiator(a, b.publicKey(), config);
    Handshake.Response response =
        new Handshake.Responder(b, config, new AuthReplayCache()).respond(initiator.authPacket());
    Secrets initiatorSecrets = initiator.readAck(response.ackPacket());
    return new Pair(
        new FrameCodec(initiatorSecrets, senderMax),
        new FrameCodec(response.secrets(), receiverMax));
  }

  private static Pair pair() {
    return pair(MAX, MAX);
  }

  private static byte[] random(int size) {
    byte[] b = new byte[size];
    RANDOM.nextBytes(b);
    return b;
  }

  private static void assertFails(Runnable action, FailureReason reason) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(RlpxException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private static void roundTrip(Pair p, int code, byte[] payload) {
    ByteBuf frame = p.sender().encode(code, Unpooled.wrappedBuffer(payload), ALLOC);
    MessageFrame decoded = p.receiver().decode(frame, ALLOC);
    try {
      assertThat(frame.isReadable()).isFalse();
      assertThat(decoded.code()).isEqualTo(code);
      assertThat(Bytes.wrapByteBuf(decoded.payload())).isEqualTo(Bytes.wrap(payload));
    } finally {
      decoded.release();
      frame.release();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 17, 1024, 1 << 20})
  void payloadOfSizeRoundTrips(int size) {
    roundTrip(pair(), 0x10, random(size));
  }

  @Test
  void randomPayloadsRoundTripOnOneKeystream() {
    Pair p = pair();
    for (int i = 0; i < 50; i++) roundTrip(p, RANDOM.nextInt(0x30), random(RANDOM.nextInt(5000)));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 0x7f, 0x80, 0xff, 0x10ab, FrameCodec.MAX_MESSAGE_ID})
  void messageIdRoundTrips(int code) {
    roundTrip(pair(), code, random(3));
  }

  @Test
  void messageIdZeroIsWrittenAsRlpEmptyString() {
    // A payload-free frame is 16 + 16 + 16 + 16 bytes: frame data 0x80 padded to one block.
    ByteBuf frame = pair().sender().encode(0, Unpooled.EMPTY_BUFFER, ALLOC);
    assertThat(frame.readableBytes()).isEqualTo(64);
    frame.release();
  }

  @Test
  void frameIsHeaderMacBodyPaddedToSixteenAndMac() {
    ByteBuf frame = pair().sender().encode(1, Unpooled.wrappedBuffer(random(100)), ALLOC);
    assertThat(frame.readableBytes()).isEqualTo(16 + 16 + 112 + 16);
    frame.release();
  }

  @Test
  void framesArrivingByteByByteDecodeOnceComplete() {
    Pair p = pair();
    byte[] payload = random(40);
    ByteBuf frame = p.sender().encode(3, Unpooled.wrappedBuffer(payload), ALLOC);
    ByteBuf in = Unpooled.buffer();
    MessageFrame decoded = null;
    while (frame.isReadable()) {
      assertThat(decoded).isNull();
      in.writeByte(frame.readByte());
      decoded = p.receiver().decode(in, ALLOC);
    }
    assertThat(decoded).isNotNull();
    assertThat(Bytes.wrapByteBuf(decoded.payload())).isEqualTo(Bytes.wrap(payload));
    decoded.release();
    frame.release();
    in.release();
  }

  @Test
  void flippedHeaderCiphertextBitFailsTheHeaderMac() {
    Pair p = pair();
    ByteBuf frame = p.sender().encode(1, Unpooled.wrappedBuffer(random(20)), ALLOC);
    frame.setByte(0, frame.getByte(0) ^ 1);
    assertFails(() -> p.receiver().decode(frame, ALLOC), FailureReason.BAD_HEADER_MAC);
    frame.release();
  }

  @Test
  void flippedHeaderMacBitFailsTheHeaderMac() {
    Pair p = pair();
    ByteBuf frame = p.sender().encode(1, Unpooled.wrappedBuffer(random(20)), ALLOC);
    frame.setByte(20, frame.getByte(20) ^ 1);
    assertFails(() -> p.receiver().decode(frame, ALLOC), FailureReason.BAD_HEADER_MAC);
    frame.release();
  }

  @Test
  void flippedBodyCiphertextBitFailsTheFrameMac() {
    Pair p = pair();
    ByteBuf frame = p.sender().encode(1, Unpooled.wrappedBuffer(random(20)), ALLOC);
    frame.setByte(40, frame.getByte(40) ^ 1);
    assertFails(() -> p.receiver().decode(frame, ALLOC), FailureReason.BAD_FRAME_MAC);
    frame.release();
  }

  @Test
  void flippedFrameMacBitFailsTheFrameMac() {
    Pair p = pair();
    ByteBuf frame = p.sender().encode(1, Unpooled.wrappedBuffer(random(20)), ALLOC);
    int last = frame.writerIndex() - 1;
    frame.setByte(last, frame.getByte(last) ^ 1);
    assertFails(() -> p.receiver().decode(frame, ALLOC), FailureReason.BAD_FRAME_MAC);
    frame.release();
  }

  @Test
  void frameOverTheLimitIsRefusedBeforeTheBodyIsAllocated() {
    Pair p = pair(MAX, 1000);
    ByteBuf frame = p.sender().encode(1, Unpooled.wrappedBuffer(random(1000)), ALLOC);
    assertFails(() -> p.receiver().decode(frame, NO_ALLOCATION), FailureReason.FRAME_TOO_LARGE);
    frame.release();
  }

  @Test
  void frameOfExactlyTheLimitIsAccepted() {
    roundTrip(pair(MAX, 1000), 1, random(999));
  }

  @Test
  void outboundFrameOverTheLimitIsRefusedBeforeAllocating() {
    Pair p = pair(1000, MAX);
    ByteBuf payload = Unpooled.wrappedBuffer(random(1000));
    assertFails(() -> p.sender().encode(1, payload, NO_ALLOCATION), FailureReason.FRAME_TOO_LARGE);
  }

  @Test
  void randomBytesFailTheHeaderMacAndNothingElse() {
    FrameCodec receiver = pair().receiver();
    ByteBuf junk = Unpooled.wrappedBuffer(random(100));
    assertFails(() -> receiver.decode(junk, NO_ALLOCATION), FailureReason.BAD_HEADER_MAC);
  }

  @Test
  void emptyFrameHasNoMessageIdAndIsMalformed() {
    assertMalformed("");
  }

  @Test
  void messageIdZeroWrittenAsByteZeroIsMalformed() {
    assertMalformed("00c0");
  }

  @Test
  void messageIdBelow0x80InTwoBytesIsMalformed() {
    assertMalformed("8110c0");
  }

  @Test
  void messageIdWithLeadingZeroIsMalformed() {
    assertMalformed("820080c0");
  }

  @Test
  void messageIdThatIsAListIsMalformed() {
    assertMalformed("c0");
  }

  @Test
  void messageIdLongerThanTheFrameIsMalformed() {
    assertMalformed("82ff");
  }

  private static void assertMalformed(String frameDataHex) {
    Pair p = pair();
    ByteBuf data = Unpooled.wrappedBuffer(Bytes.fromHexString(frameDataHex).toArrayUnsafe());
    ByteBuf frame = p.sender().encodeRaw(data, ALLOC);
    assertFails(() -> p.receiver().decode(frame, ALLOC), FailureReason.MALFORMED_FRAME);
    frame.release();
  }
}
