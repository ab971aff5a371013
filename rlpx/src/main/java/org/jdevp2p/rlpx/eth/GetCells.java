package org.jdevp2p.rlpx.eth;

import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * eth/72 0x14 (EIP-8070): {@code [request-id, [txhash, ...], cells]}: for each transaction, the
 * cells at the mask's indices of every blob. Flat as the spec has it, or nested as geth v1.17.5 and
 * reth send it ({@link CellsLayout}); the answer uses the same layout.
 */
public record GetCells(long requestId, List<Bytes32> hashes, CellMask cells, CellsLayout layout)
    implements EthMessage.Request {
  public static final int CODE = 0x14;

  /** Fields after the request id. */
  private static final int FIELDS = 2;

  public GetCells {
    hashes = List.copyOf(hashes);
    Objects.requireNonNull(cells, "cells");
    Objects.requireNonNull(layout, "layout");
  }

  /** The flat layout of the spec. */
  public GetCells(long requestId, List<Bytes32> hashes, CellMask cells) {
    this(requestId, hashes, cells, CellsLayout.FLAT);
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return layout.encode(
        requestId,
        w -> {
          EthRlp.writeHashes(w, hashes);
          w.writeValue(cells.bits());
        });
  }

  static GetCells decode(Bytes payload) {
    CellsLayout.Read m = CellsLayout.read(payload, "GetCells", FIELDS);
    return new GetCells(
        m.requestId(),
        EthRlp.hashes(m.fields().get(0), "transaction hashes"),
        CellMask.read(m.fields().get(1), "cell mask", false),
        m.layout());
  }
}
