package org.jdevp2p.rlpx;

import org.apache.tuweni.bytes.Bytes;

/** p2p message 0x03: the answer to a Ping. Payload: an empty list. */
record Pong() implements P2pMessage {
  static final int CODE = 0x03;

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return Ping.EMPTY_LIST;
  }

  static Pong decode(Bytes payload) {
    P2pMessage.requireList(payload, "Pong");
    return new Pong();
  }
}
