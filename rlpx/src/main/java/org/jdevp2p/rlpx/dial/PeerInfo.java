package org.jdevp2p.rlpx.dial;

import java.net.InetSocketAddress;
import org.jdevp2p.node.NodeId;
import org.jdevp2p.rlpx.eth.EthVersion;

/**
 * A peer the pool keeps: its eth Status was accepted.
 *
 * @param clientId the client id of its Hello, e.g. {@code Geth/v1.17.5-stable/linux-amd64/go1.25}
 * @param inbound true when it dialled us
 * @param isStatic true for one of the configured static peers
 */
public record PeerInfo(
    NodeId id,
    String clientId,
    EthVersion ethVersion,
    InetSocketAddress address,
    boolean inbound,
    boolean isStatic) {}
