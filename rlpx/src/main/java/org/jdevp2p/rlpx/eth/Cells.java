package org.jdevp2p.rlpx.eth;

import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * eth/72 0x15 (EIP-8070): {@code [request-id, [txhash, ...], [[cell, ...] per tx, ...], cells]}:
 * one group of 2048-byte cells per listed transaction, and the mask actually served. Flat or nested
 * ({@link CellsLayout}).
 */
public record Cells(
    long requestId,
    List<Bytes32> hashes,
    List<List<Bytes>> cells,
    CellMask mask,
    CellsLayout layout)
    implements EthMessage {
  public static final int CODE = 0x15;

  /** EIP-7594: a cell is 64 field elements of 32 bytes. */
  public static final int CELL_SIZE = 2048;

  /**
   * geth drops a peer whose group holds more than {@code params.BlobTxMaxBlobs (6) × 128} cells: a
   * transaction cannot have more.
   */
  static final int MAX_CELLS_PER_TX = 6 * CellMask.CELLS;

  /** Fields after the request id. */
  private static final int FIELDS = 3;

  public Cells {
    hashes = List.copyOf(hashes);
    cells = cells.stream().map(List::copyOf).toList();
    Objects.requireNonNull(mask, "mask");
    Objects.requireNonNull(layout, "layout");
    if (hashes.size() != cells.size()) {
      throw new IllegalArgumentException(groupMismatch(hashes.size(), cells.size()));
    }
  }

  /** The flat layout of the spec. */
  public Cells(long requestId, List<Bytes32> hashes, List<List<Bytes>> cells, CellMask mask) {
    this(requestId, hashes, cells, mask, CellsLayout.FLAT);
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
          w.writeList(l -> cells.forEach(group -> l.writeList(g -> group.forEach(g::writeValue))));
          w.writeValue(mask.bits());
        });
  }

  static Cells decode(Bytes payload) {
    CellsLayout.Read m = CellsLayout.read(payload, "Cells", FIELDS);
    List<Bytes> f = m.fields();
    List<Bytes32> hashes = EthRlp.hashes(f.get(0), "transaction hashes");
    List<List<Bytes>> groups = EthRlp.listOf(f.get(1), "cell groups", Cells::group);
    if (hashes.size() != groups.size()) {
      throw new InvalidEthMessageException(groupMismatch(hashes.size(), groups.size()));
    }
    return new Cells(
        m.requestId(), hashes, groups, CellMask.read(f.get(2), "cell mask", false), m.layout());
  }

  private static List<Bytes> group(Bytes item) {
    List<Bytes> cells = EthRlp.list(item, "cell group");
    if (cells.size() > MAX_CELLS_PER_TX) {
      throw new InvalidEthMessageException(
          "cell group of " + cells.size() + " exceeds " + MAX_CELLS_PER_TX + " cells");
    }
    return cells.stream().map(Cells::cell).toList();
  }

  private static Bytes cell(Bytes item) {
    Bytes cell = EthRlp.string(item, "cell");
    if (cell.size() != CELL_SIZE) {
      throw new InvalidEthMessageException(
          "cell must be " + CELL_SIZE + " bytes, got " + cell.size());
    }
    return cell;
  }

  private static String groupMismatch(int hashes, int groups) {
    return hashes + " transaction hashes but " + groups + " cell groups";
  }
}
