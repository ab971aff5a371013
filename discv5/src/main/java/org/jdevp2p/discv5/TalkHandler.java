package org.jdevp2p.discv5;

import java.net.InetSocketAddress;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.node.NodeId;

/**
 * Answers TALKREQ messages of one protocol. Called on the discovery event loop: answer quickly. The
 * returned bytes go back in the TALKRESP; an exception is logged and answered with an empty
 * response.
 */
@FunctionalInterface
public interface TalkHandler {
  Bytes handle(NodeId from, InetSocketAddress source, Bytes request);
}
