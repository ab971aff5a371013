package org.jdevp2p.rlpx.eth;

import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * eth/72 0x14 (EIP-8070): {@code [request-id, [txhash, ...], cells]}, flat as the spec and geth
 * HEAD have it: for each transaction, the cells at the mask's indices of every blob.
 */
public record GetCells(long requestId, List<Bytes32> hashes, CellMask cells)
    implements EthMessage.Request {
  public static final int CODE = 0x14;

  private static final int FIELDS = 3;

  public GetCells {
    hashes = List.copyOf(hashes);
    Objects.requireNonNull(cells, "cells");
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
          EthRlp.writeHashes(w, hashes);
          w.writeValue(cells.bits());
        });
  }

  static GetCells decode(Bytes payload) {
    List<Bytes> f = EthRlp.message(payload, "GetCells", FIELDS);
    return new GetCells(
        EthRlp.uint64(f.get(0), "GetCells request id"),
        EthRlp.hashes(f.get(1), "transaction hashes"),
        CellMask.read(f.get(2), "cell mask", false));
  }
}
