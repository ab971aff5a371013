package org.jdevp2p.cli;

import java.net.InetSocketAddress;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.Enode;

/**
 * A node to dial over RLPx: its public key and TCP endpoint, from an enode URL or an ENR (its IPv4
 * TCP endpoint when it has one, else its IPv6 one).
 */
record RlpxTarget(PublicKey key, InetSocketAddress address) {

  static RlpxTarget parse(String text) {
    String s = text.strip();
    if (s.startsWith("enode://")) {
      Enode enode;
      try {
        enode = Enode.parse(s);
      } catch (IllegalArgumentException e) {
        throw new CommandFailedException(e.getMessage());
      }
      return new RlpxTarget(enode.publicKey(), new InetSocketAddress(enode.ip(), enode.tcpPort()));
    }
    if (s.startsWith("enr:")) {
      NodeRecord record;
      try {
        record = NodeRecord.fromText(s);
      } catch (IllegalArgumentException e) { // InvalidRecordException is one
        throw new CommandFailedException("invalid ENR: " + e.getMessage());
      }
      InetSocketAddress tcp =
          record
              .tcpEndpoint4()
              .or(record::tcpEndpoint6)
              .orElseThrow(() -> new CommandFailedException("the ENR has no ip and tcp port"));
      return new RlpxTarget(record.publicKey(), tcp);
    }
    throw new CommandFailedException("not an enode URL or ENR: " + s);
  }
}
