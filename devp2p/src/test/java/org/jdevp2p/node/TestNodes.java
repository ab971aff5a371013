package org.jdevp2p.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;

/** Small signed records for the node-stream tests. */
final class TestNodes {
  private TestNodes() {}

  /** A record with a fresh key, 127.0.0.1 and the given tcp port (0: no tcp entry). */
  static NodeRecord node(int tcp) {
    NodeRecord.Builder b = NodeRecord.builder().ip(loopback()).udp(30303);
    if (tcp != 0) b.tcp(tcp);
    return b.sign(PrivateKey.random());
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByName("127.0.0.1");
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
