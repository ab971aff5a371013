/**
 * RLPx framing: AES-256-CTR frames with Keccak MACs, and the Netty handler that runs it.
 *
 * <p>Public types: {@link org.jdevp2p.rlpx.frame.FrameCodec} (the codec, no I/O) and {@link
 * org.jdevp2p.rlpx.frame.FramingHandler} (the pipeline stage that replaces the handshake).
 */
package org.jdevp2p.rlpx.frame;
