package org.jdevp2p.rlpx.eth;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * eth/68 and eth/69 {@code [request-id, [blockhash, ...]]}: the receipts of these blocks (eth/70
 * adds an index: {@link GetReceipts70}).
 */
public record GetReceipts(long requestId, List<Bytes32> hashes) implements EthMessage.Request {
  public static final int CODE = 0x0f;

  public GetReceipts {
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

  static GetReceipts decode(Bytes payload) {
    EthRlp.Wrapped m = EthRlp.wrapped(payload, "GetReceipts");
    return new GetReceipts(m.requestId(), EthRlp.hashes(m.inner(), "block hashes"));
  }
}
