package org.jdevp2p.rlpx.eth;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLPWriter;

/**
 * eth/68 and eth/69 0x10: {@code [request-id, [[receipt, ...] per block, ...]]}; each receipt kept
 * as its encoding. Receipts change form with the version, so decoding checks them against it:
 * eth/68 has the consensus form with bloom (legacy list or typed byte string), eth/69 on a flat
 * list {@code [tx-type, status, cumulative-gas, logs]} without bloom (eth69plus.md §4.2).
 */
public record Receipts(long requestId, List<List<Bytes>> receipts) implements EthMessage {
  public static final int CODE = 0x10;

  /** eth/69 receipt: {@code [tx-type, post-state-or-status, cumulative-gas, logs]}. */
  private static final int RECEIPT69_FIELDS = 4;

  /** EIP-2718 types are 0x00–0x7f; geth rejects larger ones in an eth/69 receipt. */
  private static final int MAX_TX_TYPE = 0x7f;

  /** geth accepts a status of 0 bytes (failure), 1 byte (success) or a 32-byte state root. */
  private static final int STATE_ROOT_SIZE = 32;

  public Receipts {
    receipts = receipts.stream().map(List::copyOf).toList();
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return EthRlp.encodeList(
        w -> {
          EthRlp.writeUInt64(w, requestId);
          writeLists(w, receipts);
        });
  }

  static Receipts decode(Bytes payload, EthVersion version) {
    EthRlp.Wrapped m = EthRlp.wrapped(payload, "Receipts");
    return new Receipts(m.requestId(), readLists(m.inner(), version));
  }

  static List<List<Bytes>> readLists(Bytes item, EthVersion version) {
    return EthRlp.listOf(
        item,
        "receipt lists",
        list ->
            EthRlp.listOf(
                list,
                "receipt list",
                r ->
                    version == EthVersion.ETH68
                        ? EthRlp.typedOrLegacy(r, "receipt")
                        : receipt69(r)));
  }

  static void writeLists(RLPWriter w, List<List<Bytes>> receipts) {
    w.writeList(l -> receipts.forEach(list -> EthRlp.writeItems(l, list)));
  }

  private static Bytes receipt69(Bytes item) {
    List<Bytes> f = EthRlp.list(item, "receipt", RECEIPT69_FIELDS);
    long type = EthRlp.uint64(f.get(0), "receipt tx type");
    if (Long.compareUnsigned(type, MAX_TX_TYPE) > 0) {
      throw new InvalidEthMessageException("receipt tx type " + type + " is not 0x00–0x7f");
    }
    int status = EthRlp.string(f.get(1), "receipt status").size();
    if (status > 1 && status != STATE_ROOT_SIZE) {
      throw new InvalidEthMessageException(
          "receipt status must have 0, 1 or 32 bytes, got " + status);
    }
    EthRlp.uint64(f.get(2), "cumulative gas");
    EthRlp.list(f.get(3), "receipt logs");
    return item;
  }
}
