package org.jdevp2p.rlpx.eth;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/** {@code [request-id, [txhash, ...]]}: these transactions from the pool, in their network form. */
public record GetPooledTransactions(long requestId, List<Bytes32> hashes)
    implements EthMessage.Request {
  public static final int CODE = 0x09;

  public GetPooledTransactions {
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

  static GetPooledTransactions decode(Bytes payload) {
    EthRlp.Wrapped m = EthRlp.wrapped(payload, "GetPooledTransactions");
    return new GetPooledTransactions(m.requestId(), EthRlp.hashes(m.inner(), "transaction hashes"));
  }
}
