package org.jdevp2p.discv5;

import java.net.InetSocketAddress;
import org.jdevp2p.node.NodeId;

/**
 * A node at one UDP endpoint: the key of sessions and challenges. The same id at another endpoint
 * is another peer to us until it completes a handshake from there (hive checks this).
 */
record NodeAddress(NodeId id, InetSocketAddress address) {}
