package org.jdevp2p.rlpx.eth;

import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLPWriter;

/**
 * eth/68–71 0x08 (EIP-5793): {@code [types, [size, ...], [hash, ...]]}. {@code types} is one byte
 * string with a type byte per transaction, not a list; sizes are uint32 (geth); the three have
 * equal length (geth disconnects otherwise). eth/72 adds a cell mask: {@link
 * NewPooledTransactionHashes72}.
 */
public record NewPooledTransactionHashes(Bytes types, List<Long> sizes, List<Bytes32> hashes)
    implements EthMessage {
  public static final int CODE = 0x08;

  private static final int FIELDS = 3;

  public NewPooledTransactionHashes {
    types = types.copy();
    sizes = List.copyOf(sizes);
    hashes = List.copyOf(hashes);
    requireEqualLengths(types, sizes, hashes);
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return EthRlp.encodeList(w -> writeAnnouncement(w, types, sizes, hashes));
  }

  static NewPooledTransactionHashes decode(Bytes payload) {
    List<Bytes> f = EthRlp.message(payload, "NewPooledTransactionHashes", FIELDS);
    Announced a = Announced.read(f);
    return new NewPooledTransactionHashes(a.types, a.sizes, a.hashes);
  }

  /** The three fields both shapes share, read and checked. */
  record Announced(Bytes types, List<Long> sizes, List<Bytes32> hashes) {
    static Announced read(List<Bytes> f) {
      Announced a =
          new Announced(
              EthRlp.string(f.get(0), "types"),
              EthRlp.listOf(
                  f.get(1), "sizes", s -> Integer.toUnsignedLong(EthRlp.uint32(s, "size"))),
              EthRlp.hashes(f.get(2), "hashes"));
      if (a.types.size() != a.sizes.size() || a.sizes.size() != a.hashes.size()) {
        throw new InvalidEthMessageException(lengthMismatch(a.types, a.sizes, a.hashes));
      }
      return a;
    }
  }

  static void requireEqualLengths(Bytes types, List<Long> sizes, List<Bytes32> hashes) {
    if (types.size() != sizes.size() || sizes.size() != hashes.size()) {
      throw new IllegalArgumentException(lengthMismatch(types, sizes, hashes));
    }
  }

  private static String lengthMismatch(Bytes types, List<Long> sizes, List<Bytes32> hashes) {
    return "announcement lengths differ: "
        + types.size()
        + " types, "
        + sizes.size()
        + " sizes, "
        + hashes.size()
        + " hashes";
  }

  static void writeAnnouncement(RLPWriter w, Bytes types, List<Long> sizes, List<Bytes32> hashes) {
    w.writeValue(Objects.requireNonNull(types));
    w.writeList(l -> sizes.forEach(s -> EthRlp.writeUInt64(l, s)));
    EthRlp.writeHashes(w, hashes);
  }
}
