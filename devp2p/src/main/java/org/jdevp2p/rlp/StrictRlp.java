package org.jdevp2p.rlp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPException;
import org.apache.tuweni.rlp.RLPReader;

/**
 * Reads RLP that must be canonical, as geth's rlp package requires of everything it decodes.
 *
 * <p>tuweni's reader in strict mode (lenient = false) already rejects a single byte below 0x80
 * wrapped in 0x81, long-form lengths below 56, leading zeros in lengths, and sizes that exceed the
 * input. It does not notice bytes left over after the top-level item, and it only checks the items
 * a caller reads: skipping a list does not look inside it. This class adds both checks, so that
 * every nested item is canonical and the input is consumed exactly.
 */
public final class StrictRlp {
  /**
   * The deepest list nesting accepted. No devp2p structure nests deeper than a handful of levels
   * (an eth block body with withdrawals: 4); the bound keeps hostile input from exhausting the
   * stack of the recursive check.
   */
  static final int MAX_DEPTH = 64;

  /** Longest canonical unsigned integer read here: a uint64 (geth's rlp decodes into uint64). */
  private static final int MAX_UINT64_BYTES = 8;

  private StrictRlp() {}

  /** Checks that the input is exactly one canonical RLP item, nested items included. */
  public static void checkItem(Bytes input) {
    read(
        input,
        reader -> {
          walk(reader, 0);
          return null;
        });
  }

  /**
   * Reads exactly one canonical RLP list and returns the encoding of each of its elements, in
   * order. Every nested item is checked too.
   */
  public static List<Bytes> listItems(Bytes input) {
    if (input.isEmpty()) throw new InvalidRlpException("empty input");
    if (!RLP.isList(input)) throw new InvalidRlpException("expected a list, found a string");
    List<int[]> spans = new ArrayList<>();
    int payloadSize =
        read(
            input,
            reader ->
                reader.readList(
                    false,
                    list -> {
                      // positions in a list reader count from the start of the list's payload
                      while (!list.isComplete()) {
                        int start = list.position();
                        walk(list, 1);
                        spans.add(new int[] {start, list.position()});
                      }
                      return list.position();
                    }));
    // read() has checked that nothing follows the list, so its payload ends the input.
    Bytes payload = input.slice(input.size() - payloadSize);
    List<Bytes> items = new ArrayList<>(spans.size());
    for (int[] span : spans) items.add(payload.slice(span[0], span[1] - span[0]));
    return items;
  }

  /** Whether a checked item is a list. */
  public static boolean isList(Bytes item) {
    return !item.isEmpty() && RLP.isList(item);
  }

  /** The payload of one canonical RLP string; a list is refused. */
  public static Bytes readBytes(Bytes item) {
    if (isList(item)) throw new InvalidRlpException("expected a string, found a list");
    return read(item, reader -> reader.readValue(false));
  }

  /**
   * A canonical unsigned integer of at most 8 bytes: no leading zero byte, zero as the empty
   * string. Values of 2^63 and above come back negative; treat the result as unsigned.
   */
  public static long readUInt64(Bytes item) {
    Bytes value = readBytes(item);
    if (value.size() > MAX_UINT64_BYTES) {
      throw new InvalidRlpException("integer of " + value.size() + " bytes exceeds 64 bits");
    }
    if (!value.isEmpty() && value.get(0) == 0) {
      throw new InvalidRlpException("integer has a leading zero byte");
    }
    return value.isEmpty() ? 0 : value.toLong();
  }

  private static <T> T read(Bytes input, Function<RLPReader, T> fn) {
    if (input.isEmpty()) throw new InvalidRlpException("empty input");
    try {
      return RLP.decode(
          input,
          false,
          reader -> {
            T result = fn.apply(reader);
            if (!reader.isComplete()) {
              throw new InvalidRlpException(
                  (input.size() - reader.position()) + " trailing bytes after the RLP item");
            }
            return result;
          });
    } catch (RLPException e) {
      throw new InvalidRlpException(e.getMessage());
    }
  }

  private static void walk(RLPReader reader, int depth) {
    if (!reader.nextIsList()) {
      reader.readValue(false);
      return;
    }
    if (depth >= MAX_DEPTH) {
      throw new InvalidRlpException("lists nested deeper than " + MAX_DEPTH);
    }
    reader.readList(
        false,
        list -> {
          while (!list.isComplete()) walk(list, depth + 1);
          return null;
        });
  }
}
