/**
 * RLPx: the encrypted TCP transport of devp2p.
 *
 * <p>Public types: {@link org.jdevp2p.rlpx.MessageFrame} (the unit the framing stage hands to the
 * layers above), {@link org.jdevp2p.rlpx.HandshakeCompleted} (the user event that announces it),
 * {@link org.jdevp2p.rlpx.Counters} and {@link org.jdevp2p.rlpx.FailureReason} (why connections
 * were dropped) and {@link org.jdevp2p.rlpx.RlpxException}. The handshake lives in {@code
 * org.jdevp2p.rlpx.handshake}, the frame codec in {@code org.jdevp2p.rlpx.frame}.
 */
package org.jdevp2p.rlpx;
