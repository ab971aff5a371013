package org.jdevp2p.rlpx;

import org.apache.tuweni.bytes.Bytes;

/** p2p message 0x02: asks for a Pong. Payload: an empty list. */
record Ping() implements P2pMessage {
  static final int CODE = 0x02;
  static final Bytes EMPTY_LIST = Bytes.of(0xc0);

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return EMPTY_LIST;
  }

  static Ping decode(Bytes payload) {
    P2pMessage.requireList(payload, "Ping");
    return new Ping();
  }
}
