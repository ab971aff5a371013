package org.jdevp2p.rlpx;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.compression.Snappy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.rlpx.frame.FrameCodec;
import org.jdevp2p.rlpx.handshake.Handshake;
import org.jdevp2p.rlpx.handshake.HandshakeConfig;

/**
 * A peer written for bad-input tests: a blocking socket that does a correct handshake with our
 * handshake and frame code, and then sends whatever the test wants, bit flips included.
 */
final class RoguePeer implements AutoCloseable {
  private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  final PrivateKey key = PrivateKey.random();
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final FrameCodec codec;
  private final ByteBuf received = Unpooled.buffer();
  private boolean snappy;

  RoguePeer(PublicKey serverKey, InetSocketAddress server) throws IOException {
    socket = new Socket(server.getAddress(), server.getPort());
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    in = socket.getInputStream();
    out = socket.getOutputStream();
    Handshake.Initiator initiator =
        new Handshake.Initiator(key, serverKey, HandshakeConfig.defaults());
    out.write(initiator.authPacket());
    byte[] prefix = in.readNBytes(Handshake.PREFIX_LENGTH);
    byte[] body = in.readNBytes(Handshake.messageSize(prefix[0], prefix[1]));
    codec =
        new FrameCodec(
            initiator.readAck(Bytes.concatenate(Bytes.wrap(prefix), Bytes.wrap(body)).toArray()),
            HandshakeConfig.MAX_FRAME_SIZE);
  }

  /** Reads the server's Hello and answers with ours (eth/68): Snappy is on from here. */
  Hello exchangeHellos(Capability... caps) throws IOException {
    MessageFrame frame = readFrame();
    Hello theirs = Hello.decode(Bytes.wrap(ByteBufUtil.getBytes(frame.payload())));
    frame.release();
    Hello ours =
        new Hello(
            Hello.PROTOCOL_VERSION,
            "rogue/0",
            List.of(caps).stream().map(Capability::cap).toList(),
            0,
            key.publicKey());
    send(frame(Hello.CODE, ours.encode()));
    snappy = true;
    return theirs;
  }

  /** A frame as a well-behaved peer would send it (compressed once Snappy is on). */
  byte[] frame(int code, Bytes payload) {
    ByteBuf plain = Unpooled.wrappedBuffer(payload.toArrayUnsafe());
    if (snappy) {
      ByteBuf compressed = Unpooled.buffer();
      new Snappy().encode(plain, compressed, plain.readableBytes());
      plain = compressed;
    }
    return rawFrame(code, Bytes.wrap(ByteBufUtil.getBytes(plain)));
  }

  /** A frame with the payload exactly as given. */
  byte[] rawFrame(int code, Bytes payload) {
    ByteBuf frame = codec.encode(code, Unpooled.wrappedBuffer(payload.toArrayUnsafe()), ALLOC);
    try {
      return ByteBufUtil.getBytes(frame);
    } finally {
      frame.release();
    }
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The server's next frame, or null at end of stream. */
  MessageFrame readFrame() throws IOException {
    byte[] chunk = new byte[4096];
    while (true) {
      MessageFrame frame = codec.decode(received, ALLOC);
      if (frame != null) return frame;
      int n;
      try {
        n = in.read(chunk);
      } catch (SocketException reset) {
        return null;
      }
      if (n < 0) return null;
      received.writeBytes(chunk, 0, n);
    }
  }

  /**
   * Reads until the server closes; returns the reason of the Disconnect it sent, or null when it
   * closed without one.
   */
  Disconnect.Reason readUntilClosed() throws IOException {
    List<Disconnect.Reason> reasons = new ArrayList<>();
    MessageFrame frame;
    while ((frame = readFrame()) != null) {
      try {
        if (frame.code() == Disconnect.CODE) {
          ByteBuf payload = frame.payload();
          if (snappy) {
            ByteBuf plain = Unpooled.buffer();
            new Snappy().decode(payload, plain);
            payload = plain;
          }
          reasons.add(Disconnect.decode(Bytes.wrap(ByteBufUtil.getBytes(payload))).reason());
        }
      } finally {
        frame.release();
      }
    }
    return reasons.isEmpty() ? null : reasons.get(0);
  }

  @Override
  public void close() throws IOException {
    received.release();
    socket.close();
  }
}
