package org.jdevp2p.rlpx.eth;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/**
 * eth/70+ 0x10 (EIP-7975): {@code [request-id, lastBlockIncomplete, [[receipt, ...], ...]]}, flat,
 * receipts in the eth/69 form. The flag says the last list was cut short; set on an empty answer it
 * makes geth drop the sender, so it is refused both ways.
 */
public record Receipts70(long requestId, boolean lastBlockIncomplete, List<List<Bytes>> receipts)
    implements EthMessage {
  public static final int CODE = Receipts.CODE;

  private static final int FIELDS = 3;

  public Receipts70 {
    receipts = receipts.stream().map(List::copyOf).toList();
    if (lastBlockIncomplete && receipts.isEmpty()) {
      throw new IllegalArgumentException(EMPTY_INCOMPLETE);
    }
  }

  private static final String EMPTY_INCOMPLETE = "an empty Receipts cannot be incomplete";

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return EthRlp.encodeList(
        w -> {
          EthRlp.writeUInt64(w, requestId);
          EthRlp.writeUInt64(w, lastBlockIncomplete ? 1 : 0);
          Receipts.writeLists(w, receipts);
        });
  }

  static Receipts70 decode(Bytes payload, EthVersion version) {
    List<Bytes> f = EthRlp.message(payload, "Receipts", FIELDS);
    long requestId = EthRlp.uint64(f.get(0), "Receipts request id");
    boolean incomplete = EthRlp.bool(f.get(1), "lastBlockIncomplete");
    List<List<Bytes>> lists = Receipts.readLists(f.get(2), version);
    if (incomplete && lists.isEmpty()) throw new InvalidEthMessageException(EMPTY_INCOMPLETE);
    return new Receipts70(requestId, incomplete, lists);
  }
}
