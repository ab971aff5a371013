package org.jdevp2p.rlpx.eth;

import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;

/**
 * eth/69+ 0x11: {@code [earliest, latest, latestHash]}, the sender's served range changed. Decoding
 * does not judge the range; {@link BlockRange#isValid} does (geth disconnects on an invalid one).
 */
public record BlockRangeUpdate(BlockRange range) implements EthMessage {
  public static final int CODE = 0x11;

  public BlockRangeUpdate {
    Objects.requireNonNull(range, "range");
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return EthRlp.encodeList(
        w -> {
          EthRlp.writeUInt64(w, range.earliest());
          EthRlp.writeUInt64(w, range.latest());
          w.writeValue(range.latestHash());
        });
  }

  static BlockRangeUpdate decode(Bytes payload) {
    List<Bytes> f = EthRlp.message(payload, "BlockRangeUpdate", 3);
    return new BlockRangeUpdate(
        new BlockRange(
            EthRlp.uint64(f.get(0), "earliest block"),
            EthRlp.uint64(f.get(1), "latest block"),
            EthRlp.hash(f.get(2), "latest block hash")));
  }
}
