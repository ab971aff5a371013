package org.jdevp2p.eth;

import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.rlp.InvalidRlpException;
import org.jdevp2p.rlp.StrictRlp;

/**
 * The value of the ENR {@code eth} entry (devp2p enr-entries/eth.md): {@code [[fork-hash,
 * fork-next], ...]}. Elements after the fork id are reserved for future use and ignored, as geth's
 * {@code enrEntry} does with its {@code rlp:"tail"} field.
 */
public record EthEntry(ForkId forkId) {

  /** The ENR key this value is stored under. */
  public static final String KEY = "eth";

  public EthEntry {
    Objects.requireNonNull(forkId, "fork id");
  }

  /** RLP {@code [[hash, next]]}, e.g. {@code c7c68407c9462e80}. */
  public Bytes encode() {
    return RLP.encodeList(writer -> writer.writeRLP(forkId.encode()));
  }

  /**
   * Reads the entry value: a canonical RLP list whose first element is a strict fork id ({@link
   * ForkId#decode}); further elements are skipped (they must still be canonical RLP); nothing may
   * follow the list.
   *
   * @throws InvalidForkIdException naming what is wrong
   */
  public static EthEntry decode(Bytes rlpValue) {
    List<Bytes> items;
    try {
      items = StrictRlp.listItems(rlpValue);
    } catch (InvalidRlpException e) {
      throw new InvalidForkIdException("eth entry: " + e.getMessage(), e);
    }
    if (items.isEmpty()) throw new InvalidForkIdException("eth entry holds no fork id");
    return new EthEntry(ForkId.decode(items.getFirst()));
  }
}
