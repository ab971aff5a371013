package org.jdevp2p.eth;

import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;

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
    return RLP.encodeList(forkId::writeTo);
  }

  /**
   * Reads the entry value: an RLP list whose first element is a strict fork id; further elements
   * must be well-formed RLP and are skipped; nothing may follow the list.
   *
   * @throws InvalidForkIdException naming what is wrong
   */
  public static EthEntry decode(Bytes rlpValue) {
    return StrictRlp.decode(
        rlpValue,
        "eth entry",
        reader ->
            StrictRlp.readList(
                reader,
                "eth entry",
                list -> {
                  EthEntry entry = new EthEntry(ForkId.readFrom(list));
                  while (!list.isComplete()) list.skipNext();
                  return entry;
                }));
  }
}
