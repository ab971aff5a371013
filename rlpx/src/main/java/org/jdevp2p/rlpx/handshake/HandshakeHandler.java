package org.jdevp2p.rlpx.handshake;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.rlpx.Counters;
import org.jdevp2p.rlpx.FailureReason;
import org.jdevp2p.rlpx.HandshakeCompleted;
import org.jdevp2p.rlpx.RlpxException;
import org.jdevp2p.rlpx.frame.FrameCodec;
import org.jdevp2p.rlpx.frame.FramingHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage of an RLPx pipeline: runs the handshake, then replaces itself with a {@link
 * FramingHandler} and fires {@link HandshakeCompleted}. Bytes that arrived behind the handshake
 * message (the peer's first frame) are handed to the framing handler.
 *
 * <p>A handshake message whose size prefix exceeds {@link Handshake#MAX_MESSAGE_SIZE} is refused
 * before the rest is read; a handshake not done within the configured timeout (a silent or
 * trickling peer) is abandoned. Every failure closes the channel and is counted in {@link
 * Counters}; none is thrown up the pipeline.
 */
public final class HandshakeHandler extends ByteToMessageDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(HandshakeHandler.class);

  /** Pipeline name of the framing handler that takes this handler's place. */
  public static final String FRAMING_HANDLER_NAME = "rlpx-framing";

  private final Handshake.Initiator initiator;
  private final Handshake.Responder responder;
  private final HandshakeConfig config;
  private final Counters counters;
  private ScheduledFuture<?> deadline;
  private boolean started;
  private boolean finished;

  private HandshakeHandler(
      Handshake.Initiator initiator,
      Handshake.Responder responder,
      HandshakeConfig config,
      Counters counters) {
    this.initiator = initiator;
    this.responder = responder;
    this.config = config;
    this.counters = counters;
  }

  /** The handler of a connection we open to {@code remoteKey}: it sends the auth when active. */
  public static HandshakeHandler initiator(
      PrivateKey staticKey, PublicKey remoteKey, HandshakeConfig config, Counters counters) {
    return new HandshakeHandler(
        new Handshake.Initiator(staticKey, remoteKey, config), null, config, counters);
  }

  /**
   * The handler of a connection we accepted. {@code responder} (and its replay cache) is shared by
   * every inbound connection of the node.
   */
  public static HandshakeHandler responder(
      Handshake.Responder responder, HandshakeConfig config, Counters counters) {
    return new HandshakeHandler(null, responder, config, counters);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) start(ctx);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    start(ctx);
    super.channelActive(ctx);
  }

  private void start(ChannelHandlerContext ctx) {
    if (started) return;
    started = true;
    deadline =
        ctx.executor()
            .schedule(
                () -> fail(ctx, new RlpxException(FailureReason.HANDSHAKE_TIMEOUT, "deadline")),
                config.timeout().toNanos(),
                TimeUnit.NANOSECONDS);
    if (initiator != null) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(initiator.authPacket()));
    }
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (finished) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < Handshake.PREFIX_LENGTH) return;
    int index = in.readerIndex();
    int size = Handshake.messageSize(in.getByte(index), in.getByte(index + 1));
    if (size > Handshake.MAX_MESSAGE_SIZE) {
      fail(
          ctx,
          new RlpxException(
              FailureReason.HANDSHAKE_TOO_LARGE,
              "size prefix " + size + ", limit " + Handshake.MAX_MESSAGE_SIZE));
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < Handshake.PREFIX_LENGTH + size) return;
    byte[] packet = new byte[Handshake.PREFIX_LENGTH + size];
    in.readBytes(packet);
    try {
      Secrets secrets;
      if (initiator != null) {
        secrets = initiator.readAck(packet);
      } else {
        Handshake.Response response = responder.respond(packet);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(response.ackPacket()));
        secrets = response.secrets();
      }
      succeed(ctx, secrets, in, out);
    } catch (RlpxException e) {
      fail(ctx, e);
      in.skipBytes(in.readableBytes());
    }
  }

  /**
   * Puts the framing handler in our place, announces the completed handshake, and hands whatever
   * followed the handshake message to the framing handler (ByteToMessageDecoder fires {@code out}
   * from our context, whose successor is now the framing handler).
   */
  private void succeed(ChannelHandlerContext ctx, Secrets secrets, ByteBuf in, List<Object> out) {
    finished = true;
    deadline.cancel(false);
    FramingHandler framing =
        new FramingHandler(new FrameCodec(secrets, config.maxFrameSize()), counters);
    ctx.pipeline().replace(this, FRAMING_HANDLER_NAME, framing);
    ctx.fireUserEventTriggered(new HandshakeCompleted(secrets.remoteKey(), initiator != null));
    if (in.isReadable()) out.add(in.readRetainedSlice(in.readableBytes()));
  }

  private void fail(ChannelHandlerContext ctx, RlpxException e) {
    if (finished) return;
    finished = true;
    if (deadline != null) deadline.cancel(false);
    counters.increment(e.reason());
    LOG.debug("handshake with {} failed: {}", ctx.channel().remoteAddress(), e.getMessage());
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    fail(ctx, new RlpxException(FailureReason.HANDSHAKE_CLOSED_EARLY, "peer closed"));
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // I/O errors before the handshake is done (connection reset...): nothing above us cares yet.
    LOG.debug("handshake with {}: {}", ctx.channel().remoteAddress(), cause.toString());
    if (!finished) fail(ctx, new RlpxException(FailureReason.HANDSHAKE_CLOSED_EARLY, "I/O error"));
  }
}
