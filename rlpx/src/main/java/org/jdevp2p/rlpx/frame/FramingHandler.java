package org.jdevp2p.rlpx.frame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;
import org.jdevp2p.rlpx.Counters;
import org.jdevp2p.rlpx.MessageFrame;
import org.jdevp2p.rlpx.RlpxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framing stage of an RLPx pipeline: bytes in, {@link MessageFrame}s out, and the reverse. A
 * frame that fails its MACs, exceeds the size limit or carries a malformed id closes the connection
 * and is counted; nothing is thrown up the pipeline for it.
 */
public final class FramingHandler
    extends CombinedChannelDuplexHandler<FramingHandler.Decoder, FramingHandler.Encoder> {

  public FramingHandler(FrameCodec codec, Counters counters) {
    super(new Decoder(codec, counters), new Encoder(codec));
  }

  /** Inbound half: frames to {@link MessageFrame}s. */
  static final class Decoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(FramingHandler.class);

    private final FrameCodec codec;
    private final Counters counters;
    private boolean failed;

    Decoder(FrameCodec codec, Counters counters) {
      this.codec = codec;
      this.counters = counters;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      if (failed) {
        in.skipBytes(in.readableBytes());
        return;
      }
      try {
        MessageFrame frame = codec.decode(in, ctx.alloc());
        if (frame != null) out.add(frame);
      } catch (RlpxException e) {
        failed = true;
        in.skipBytes(in.readableBytes());
        counters.increment(e.reason());
        LOG.debug("closing {}: {}", ctx.channel().remoteAddress(), e.getMessage());
        ctx.close();
      }
    }
  }

  /** Outbound half: {@link MessageFrame}s to frames, one buffer per frame. */
  static final class Encoder extends MessageToMessageEncoder<MessageFrame> {
    private final FrameCodec codec;

    Encoder(FrameCodec codec) {
      super(MessageFrame.class);
      this.codec = codec;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MessageFrame frame, List<Object> out) {
      out.add(codec.encode(frame.code(), frame.payload(), ctx.alloc()));
    }
  }
}
