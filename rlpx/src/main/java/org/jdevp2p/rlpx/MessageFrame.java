package org.jdevp2p.rlpx;

import io.netty.buffer.ByteBuf;

/**
 * One RLPx message between the framing handlers and the p2p layer: the message id and its payload.
 * The payload is reference counted (whoever consumes the frame releases it) and is still Snappy
 * compressed when compression is on.
 */
public record MessageFrame(int code, ByteBuf payload) {}
