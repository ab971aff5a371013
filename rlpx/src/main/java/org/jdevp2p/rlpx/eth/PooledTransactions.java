package org.jdevp2p.rlpx.eth;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/**
 * {@code [request-id, [tx, ...]]}: legacy txs as RLP lists, typed ones as byte strings {@code type
 * || payload}, each kept as its encoding. Unknown hashes are skipped by the sender.
 */
public record PooledTransactions(long requestId, List<Bytes> transactions) implements EthMessage {
  public static final int CODE = 0x0a;

  public PooledTransactions {
    transactions = List.copyOf(transactions);
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return EthRlp.encodeItemResponse(requestId, transactions);
  }

  static PooledTransactions decode(Bytes payload) {
    EthRlp.Wrapped m = EthRlp.wrapped(payload, "PooledTransactions");
    return new PooledTransactions(m.requestId(), EthRlp.transactions(m.inner()));
  }
}
