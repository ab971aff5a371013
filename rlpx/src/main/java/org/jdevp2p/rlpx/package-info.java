/**
 * RLPx: the encrypted TCP transport of devp2p, the "p2p" base protocol above it, and the
 * sub-protocol API.
 *
 * <p>Public types: {@link org.jdevp2p.rlpx.MessageFrame} (a message between framing and p2p),
 * {@link org.jdevp2p.rlpx.Hello}, {@link org.jdevp2p.rlpx.Disconnect} with {@link
 * org.jdevp2p.rlpx.Disconnect.Reason}, {@link org.jdevp2p.rlpx.Capability}, {@link
 * org.jdevp2p.rlpx.CapabilityHandler}, {@link org.jdevp2p.rlpx.PeerConnection}, {@link
 * org.jdevp2p.rlpx.Disconnection}, {@link org.jdevp2p.rlpx.Failure}.
 */
package org.jdevp2p.rlpx;
