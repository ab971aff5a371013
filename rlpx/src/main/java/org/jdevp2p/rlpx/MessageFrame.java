package org.jdevp2p.rlpx;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One RLPx message as the framing layer sees it: the message id and the rest of the frame data.
 * This is the boundary between the framing stage and the layers above it.
 *
 * <p>The payload is reference counted and owned by whoever holds the frame: release it (or pass it
 * on) exactly once. When Snappy is on, the payload is still compressed; decompression belongs to
 * the layer above.
 */
public final class MessageFrame extends DefaultByteBufHolder {
  private final int code;

  /**
   * @param code the message id (non-negative), encoded on the wire as an RLP integer (0 is 0x80)
   * @param payload the message payload after the id; this frame takes ownership of it
   */
  public MessageFrame(int code, ByteBuf payload) {
    super(payload);
    if (code < 0) throw new IllegalArgumentException("message id must be >= 0, got " + code);
    this.code = code;
  }

  /** The message id. */
  public int code() {
    return code;
  }

  /** The payload, the same buffer as {@link #content()}. */
  public ByteBuf payload() {
    return content();
  }

  @Override
  public MessageFrame replace(ByteBuf content) {
    return new MessageFrame(code, content);
  }

  @Override
  public MessageFrame retain() {
    super.retain();
    return this;
  }

  @Override
  public MessageFrame retain(int increment) {
    super.retain(increment);
    return this;
  }

  @Override
  public MessageFrame touch(Object hint) {
    super.touch(hint);
    return this;
  }

  @Override
  public String toString() {
    return "MessageFrame[code=" + code + ", payload=" + content().readableBytes() + " bytes]";
  }
}
