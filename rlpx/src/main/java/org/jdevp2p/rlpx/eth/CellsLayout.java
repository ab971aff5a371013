package org.jdevp2p.rlpx.eth;

import java.util.List;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLPWriter;

/**
 * How GetCells and Cells are laid out (eth69plus.md §7.3). The spec and geth HEAD use a flat list
 * {@code [rid, field, ...]}; geth v1.17.5 and reth HEAD nest the fields the eth/66 way {@code [rid,
 * [field, ...]]}. We read both and answer in the layout we were asked in.
 */
public enum CellsLayout {
  /** {@code [rid, field, ...]}: EIP-8070, devp2p eth.md, geth after 38271784c2. */
  FLAT,
  /** {@code [rid, [field, ...]]}: geth v1.17.5 and reth. */
  NESTED;

  /** A message read in either layout: its request id and the fields after it. */
  record Read(long requestId, List<Bytes> fields, CellsLayout layout) {}

  /**
   * Reads {@code [rid, f1, ..., fn]} or {@code [rid, [f1, ..., fn]]}. Both messages have at least
   * two fields, so a two-element list can only be the nested layout.
   */
  static Read read(Bytes payload, String name, int fieldCount) {
    List<Bytes> top = EthRlp.message(payload, name, EthRlp.ANY_SIZE);
    if (top.size() == 2) {
      return new Read(
          EthRlp.uint64(top.get(0), name + " request id"),
          EthRlp.list(top.get(1), name + " fields", fieldCount),
          NESTED);
    }
    if (top.size() != fieldCount + 1) {
      throw new InvalidEthMessageException(
          name + " must have " + (fieldCount + 1) + " elements, got " + top.size());
    }
    return new Read(
        EthRlp.uint64(top.get(0), name + " request id"), top.subList(1, top.size()), FLAT);
  }

  /** Writes the request id and the fields in this layout. */
  Bytes encode(long requestId, Consumer<RLPWriter> fields) {
    return EthRlp.encodeList(
        w -> {
          EthRlp.writeUInt64(w, requestId);
          if (this == NESTED) {
            w.writeList(fields);
          } else {
            fields.accept(w);
          }
        });
  }
}
