package org.jdevp2p.interop;

import org.ethereum.beacon.discovery.schema.NodeRecordFactory;

/** ENR text helpers for tests, decoding with Teku's ENR code (independent of ours). */
final class Enrs {
  private Enrs() {}

  /** The node id of the record in ENR text form, lower-case hex without 0x. */
  static String nodeId(String enr) {
    return NodeRecordFactory.DEFAULT.fromEnr(enr).getNodeId().toUnprefixedHexString();
  }
}
