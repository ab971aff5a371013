package org.jdevp2p.rlpx.eth;

import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * eth/72 0x08 (EIP-8070): {@code [types, [size, ...], [hash, ...], cells]}, where {@code cells} is
 * the 16-byte mask of the cells the sender holds for every announced blob transaction. We always
 * send 16 bytes (geth rejects anything shorter) and also accept reth's empty string for "no cells"
 * (eth69plus.md §7.1).
 */
public record NewPooledTransactionHashes72(
    Bytes types, List<Long> sizes, List<Bytes32> hashes, CellMask cells) implements EthMessage {
  public static final int CODE = NewPooledTransactionHashes.CODE;

  private static final int FIELDS = 4;

  public NewPooledTransactionHashes72 {
    types = types.copy();
    sizes = List.copyOf(sizes);
    hashes = List.copyOf(hashes);
    Objects.requireNonNull(cells, "cells");
    NewPooledTransactionHashes.requireEqualLengths(types, sizes, hashes);
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return EthRlp.encodeList(
        w -> {
          NewPooledTransactionHashes.writeAnnouncement(w, types, sizes, hashes);
          w.writeValue(cells.bits());
        });
  }

  static NewPooledTransactionHashes72 decode(Bytes payload) {
    List<Bytes> f = EthRlp.message(payload, "NewPooledTransactionHashes", FIELDS);
    NewPooledTransactionHashes.Announced a = NewPooledTransactionHashes.Announced.read(f);
    return new NewPooledTransactionHashes72(
        a.types(), a.sizes(), a.hashes(), CellMask.read(f.get(3), "cell mask", true));
  }
}
