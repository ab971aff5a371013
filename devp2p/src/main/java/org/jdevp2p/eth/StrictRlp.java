package org.jdevp2p.eth;

import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPException;
import org.apache.tuweni.rlp.RLPReader;

/**
 * Decodes one RLP item the way geth's {@code rlp.DecodeBytes} does: canonical encodings only
 * (tuweni's non-lenient mode) and no bytes after the item. Every failure becomes an {@link
 * InvalidForkIdException} that names what was being read.
 */
final class StrictRlp {
  private StrictRlp() {}

  static <T> T decode(Bytes rlp, String what, Function<RLPReader, T> read) {
    if (rlp.isEmpty()) throw new InvalidForkIdException(what + " is empty");
    try {
      return RLP.decode(
          rlp,
          false,
          reader -> {
            T value = read.apply(reader);
            if (!reader.isComplete()) {
              throw new InvalidForkIdException(
                  what + " is followed by " + reader.remaining() + " trailing bytes");
            }
            return value;
          });
    } catch (RLPException e) {
      throw new InvalidForkIdException(what + " is not canonical RLP: " + e.getMessage(), e);
    }
  }

  /** Enters the list that comes next, failing with a message naming it when it is not a list. */
  static <T> T readList(RLPReader reader, String what, Function<RLPReader, T> read) {
    if (reader.isComplete()) throw new InvalidForkIdException(what + " is missing");
    if (!reader.nextIsList()) throw new InvalidForkIdException(what + " must be an RLP list");
    return reader.readList(read);
  }
}
