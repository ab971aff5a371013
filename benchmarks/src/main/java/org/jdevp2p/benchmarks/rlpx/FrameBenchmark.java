package org.jdevp2p.benchmarks.rlpx;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.compression.Snappy;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.rlpx.MessageFrame;
import org.jdevp2p.rlpx.frame.FrameCodec;
import org.jdevp2p.rlpx.handshake.AuthReplayCache;
import org.jdevp2p.rlpx.handshake.Handshake;
import org.jdevp2p.rlpx.handshake.HandshakeConfig;
import org.jdevp2p.rlpx.handshake.Secrets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frame encode + decode of one connection, in memory: one side's {@link FrameCodec} seals a random
 * message, the other side's opens it, optionally with Snappy block compression in front as p2p v5
 * does. Messages per second times {@code size} is the throughput in bytes per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class FrameBenchmark {
  /** The first capability message id, as eth/68's Status would use. */
  private static final int CODE = 0x10;

  @Param({"1024", "1048576"})
  public int size;

  @Param({"false", "true"})
  public boolean snappy;

  private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
  private final Snappy compressor = Snappy.withHashTableReuse();
  private final Snappy decompressor = new Snappy();
  private FrameCodec sender;
  private FrameCodec receiver;
  private ByteBuf message;

  @Setup
  public void connect() {
    HandshakeConfig config = HandshakeConfig.defaults();
    PrivateKey listenerKey = PrivateKey.random();
    Handshake.Initiator initiator =
        new Handshake.Initiator(PrivateKey.random(), listenerKey.publicKey(), config);
    Handshake.Response response =
        new Handshake.Responder(listenerKey, config, new AuthReplayCache())
            .respond(initiator.authPacket());
    Secrets dialerSecrets = initiator.readAck(response.ackPacket());
    sender = new FrameCodec(dialerSecrets, config.maxFrameSize());
    receiver = new FrameCodec(response.secrets(), config.maxFrameSize());
    byte[] random = new byte[size];
    new Random(size).nextBytes(random);
    message = Unpooled.wrappedBuffer(random);
  }

  @Benchmark
  public int roundTrip() {
    ByteBuf payload = snappy ? compress(message) : message.duplicate();
    ByteBuf frame;
    try {
      frame = sender.encode(CODE, payload, alloc);
    } finally {
      if (snappy) payload.release();
    }
    MessageFrame decoded;
    try {
      decoded = receiver.decode(frame, alloc);
    } finally {
      frame.release();
    }
    try {
      if (!snappy) return decoded.payload().readableBytes();
      ByteBuf plain = alloc.heapBuffer(size, size);
      try {
        decompressor.reset();
        decompressor.decode(decoded.payload(), plain);
        return plain.readableBytes();
      } finally {
        plain.release();
      }
    } finally {
      decoded.release();
    }
  }

  private ByteBuf compress(ByteBuf plain) {
    // Snappy's worst case: 32 + n + n/6 bytes.
    ByteBuf out = alloc.heapBuffer(32 + size + size / 6);
    compressor.reset();
    compressor.encode(plain.duplicate(), out, size);
    return out;
  }

  @TearDown
  public void release() {
    message.release();
  }
}
