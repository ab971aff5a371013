package org.jdevp2p.rlpx.eth;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/**
 * {@code [request-id, [[transactions, ommers, withdrawals?], ...]]}; each body kept as its RLP
 * list. A response may be a prefix of the request (geth from v1.17.3 stops at the first missing
 * block).
 */
public record BlockBodies(long requestId, List<Bytes> bodies) implements EthMessage {
  public static final int CODE = 0x06;

  public BlockBodies {
    bodies = List.copyOf(bodies);
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return EthRlp.encodeItemResponse(requestId, bodies);
  }

  static BlockBodies decode(Bytes payload) {
    EthRlp.Wrapped m = EthRlp.wrapped(payload, "BlockBodies");
    return new BlockBodies(m.requestId(), EthRlp.opaqueLists(m.inner(), "bodies"));
  }
}
