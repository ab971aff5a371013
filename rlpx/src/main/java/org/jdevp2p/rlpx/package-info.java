/**
 * RLPx: the encrypted TCP transport of devp2p, the "p2p" base protocol above it, and the
 * sub-protocol API.
 *
 * <p>Entry point: {@link org.jdevp2p.rlpx.RlpxTransport} (listen, dial, connected/disconnected
 * events, close), with {@link org.jdevp2p.rlpx.PeerDisconnectedException} for failed dials.
 *
 * <p>Public types: {@link org.jdevp2p.rlpx.MessageFrame} (the unit the framing stage hands to the
 * layers above), {@link org.jdevp2p.rlpx.HandshakeCompleted} (the user event that announces it),
 * {@link org.jdevp2p.rlpx.Counters} and {@link org.jdevp2p.rlpx.FailureReason} (why connections
 * were dropped), {@link org.jdevp2p.rlpx.RlpxException}; the p2p messages {@link
 * org.jdevp2p.rlpx.Hello} and {@link org.jdevp2p.rlpx.Disconnect} with {@link
 * org.jdevp2p.rlpx.Disconnect.Reason}; the sub-protocol API {@link org.jdevp2p.rlpx.Capability},
 * {@link org.jdevp2p.rlpx.CapabilityHandler}, {@link org.jdevp2p.rlpx.PeerConnection}, {@link
 * org.jdevp2p.rlpx.Disconnection}. The handshake lives in {@code org.jdevp2p.rlpx.handshake}, the
 * frame codec in {@code org.jdevp2p.rlpx.frame}, the eth protocol in {@code org.jdevp2p.rlpx.eth},
 * and the peer pool that chooses whom to dial and keep in {@code org.jdevp2p.rlpx.dial}.
 */
package org.jdevp2p.rlpx;
