/**
 * Choosing RLPx peers: dialing candidates from a {@code NodeSource}, admitting inbound peers, and
 * keeping those whose eth Status is accepted (geth {@code p2p/dial.go}, {@code p2p/server.go}).
 *
 * <p>Public types: {@link org.jdevp2p.rlpx.dial.PeerPool} with its {@code Listener}, {@link
 * org.jdevp2p.rlpx.dial.PeerPoolConfig}, {@link org.jdevp2p.rlpx.dial.PeerInfo} and {@link
 * org.jdevp2p.rlpx.dial.PoolMetrics}.
 */
package org.jdevp2p.rlpx.dial;
