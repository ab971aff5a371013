package org.jdevp2p.rlpx.eth;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/**
 * 0x02: {@code [tx, ...]}, transactions broadcast unasked. Legacy txs are RLP lists, typed ones
 * byte strings {@code type || payload}; each kept as its encoding.
 */
public record Transactions(List<Bytes> transactions) implements EthMessage {
  public static final int CODE = 0x02;

  public Transactions {
    transactions = List.copyOf(transactions);
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return EthRlp.encodeList(w -> transactions.forEach(w::writeRLP));
  }

  static Transactions decode(Bytes payload) {
    EthRlp.message(payload, "Transactions", EthRlp.ANY_SIZE);
    return new Transactions(EthRlp.transactions(payload));
  }
}
