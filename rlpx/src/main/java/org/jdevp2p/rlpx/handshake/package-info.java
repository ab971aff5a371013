/**
 * The RLPx handshake (EIP-8 auth and ack over ECIES, with our signed expiration extension) and the
 * Netty handler that runs it.
 *
 * <p>Public types: {@link org.jdevp2p.rlpx.handshake.Handshake} (the codec, no I/O, with its {@code
 * Initiator}, {@code Responder} and {@code Response}), {@link
 * org.jdevp2p.rlpx.handshake.AuthMessage}, {@link org.jdevp2p.rlpx.handshake.AckMessage}, {@link
 * org.jdevp2p.rlpx.handshake.Secrets}, {@link org.jdevp2p.rlpx.handshake.HandshakeConfig}, {@link
 * org.jdevp2p.rlpx.handshake.AuthReplayCache} and {@link
 * org.jdevp2p.rlpx.handshake.HandshakeHandler}.
 */
package org.jdevp2p.rlpx.handshake;
