package org.jdevp2p.rlpx.eth;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/** {@code [request-id, [blockhash, ...]]}: the bodies of these blocks, in order. */
public record GetBlockBodies(long requestId, List<Bytes32> hashes) implements EthMessage.Request {
  public static final int CODE = 0x05;

  public GetBlockBodies {
    hashes = List.copyOf(hashes);
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return EthRlp.encodeHashRequest(requestId, hashes);
  }

  static GetBlockBodies decode(Bytes payload) {
    EthRlp.Wrapped m = EthRlp.wrapped(payload, "GetBlockBodies");
    return new GetBlockBodies(m.requestId(), EthRlp.hashes(m.inner(), "block hashes"));
  }
}
