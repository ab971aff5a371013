package org.jdevp2p.rlpx.eth;

import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;

/**
 * 0x03 {@code [request-id, [origin, amount, skip, reverse]]}: up to {@code amount} headers from
 * {@code origin}, every {@code skip + 1}-th, descending when {@code reverse}. All integers are
 * unsigned 64-bit.
 */
public record GetBlockHeaders(
    long requestId, Origin origin, long amount, long skip, boolean reverse)
    implements EthMessage.Request {
  public static final int CODE = 0x03;

  /** geth {@code HashOrNumber}: a 32-byte string is a hash, up to 8 bytes a number. */
  public sealed interface Origin {
    /** The origin as RLP. */
    Bytes encode();
  }

  /** The first block named by its hash. */
  public record ByHash(Bytes32 hash) implements Origin {
    public ByHash {
      Objects.requireNonNull(hash, "hash");
    }

    @Override
    public Bytes encode() {
      return RLP.encodeValue(hash);
    }
  }

  /** The first block named by its number (unsigned). */
  public record ByNumber(long number) implements Origin {
    @Override
    public Bytes encode() {
      return RLP.encodeValue(Bytes.minimalBytes(number));
    }
  }

  public GetBlockHeaders {
    Objects.requireNonNull(origin, "origin");
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
          w.writeList(
              q -> {
                q.writeRLP(origin.encode());
                EthRlp.writeUInt64(q, amount);
                EthRlp.writeUInt64(q, skip);
                EthRlp.writeUInt64(q, reverse ? 1 : 0);
              });
        });
  }

  static GetBlockHeaders decode(Bytes payload) {
    EthRlp.Wrapped m = EthRlp.wrapped(payload, "GetBlockHeaders");
    List<Bytes> q = EthRlp.list(m.inner(), "header query", 4);
    return new GetBlockHeaders(
        m.requestId(),
        origin(q.get(0)),
        EthRlp.uint64(q.get(1), "amount"),
        EthRlp.uint64(q.get(2), "skip"),
        EthRlp.bool(q.get(3), "reverse"));
  }

  private static Origin origin(Bytes item) {
    Bytes value = EthRlp.string(item, "origin");
    if (value.size() == Bytes32.SIZE) return new ByHash(Bytes32.wrap(value));
    if (value.size() <= Long.BYTES) return new ByNumber(EthRlp.uint64(item, "origin number"));
    throw new InvalidEthMessageException(
        "origin must be a 32-byte hash or a number of at most 8 bytes, got " + value.size());
  }
}
