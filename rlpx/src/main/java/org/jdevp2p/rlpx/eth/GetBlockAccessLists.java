package org.jdevp2p.rlpx.eth;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * eth/71+ {@code [request-id, [blockhash, ...]]}: the block access lists (EIP-7928) of these
 * blocks.
 */
public record GetBlockAccessLists(long requestId, List<Bytes32> hashes)
    implements EthMessage.Request {
  public static final int CODE = 0x12;

  public GetBlockAccessLists {
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

  static GetBlockAccessLists decode(Bytes payload) {
    EthRlp.Wrapped m = EthRlp.wrapped(payload, "GetBlockAccessLists");
    return new GetBlockAccessLists(m.requestId(), EthRlp.hashes(m.inner(), "block hashes"));
  }
}
