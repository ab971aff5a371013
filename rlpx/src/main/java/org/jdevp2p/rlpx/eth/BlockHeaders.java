package org.jdevp2p.rlpx.eth;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/** {@code [request-id, [header, ...]]}; each header kept as its RLP list. */
public record BlockHeaders(long requestId, List<Bytes> headers) implements EthMessage {
  public static final int CODE = 0x04;

  public BlockHeaders {
    headers = List.copyOf(headers);
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return EthRlp.encodeItemResponse(requestId, headers);
  }

  static BlockHeaders decode(Bytes payload) {
    EthRlp.Wrapped m = EthRlp.wrapped(payload, "BlockHeaders");
    return new BlockHeaders(m.requestId(), EthRlp.opaqueLists(m.inner(), "headers"));
  }
}
