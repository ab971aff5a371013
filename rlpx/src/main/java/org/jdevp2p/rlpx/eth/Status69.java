package org.jdevp2p.rlpx.eth;

import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.eth.ForkId;

/**
 * Status of eth/69 to eth/72: {@code [version, networkid, genesis, forkid, earliest, latest,
 * latestHash]} (eth69plus.md §3). No total difficulty; the head hash moved to the end, after the
 * served block range.
 */
public record Status69(
    int version, long networkId, Bytes32 genesis, ForkId forkId, BlockRange blockRange)
    implements Status {

  /** geth's StatusPacket (eth/69+) has exactly seven fields; an eighth is a decode error. */
  private static final int FIELDS = 7;

  public Status69 {
    Objects.requireNonNull(genesis, "genesis");
    Objects.requireNonNull(forkId, "fork id");
    Objects.requireNonNull(blockRange, "block range");
  }

  @Override
  public Bytes encode() {
    return EthRlp.encodeList(
        w -> {
          EthRlp.writeUInt64(w, Integer.toUnsignedLong(version));
          EthRlp.writeUInt64(w, networkId);
          w.writeValue(genesis);
          w.writeRLP(forkId.encode());
          EthRlp.writeUInt64(w, blockRange.earliest());
          EthRlp.writeUInt64(w, blockRange.latest());
          w.writeValue(blockRange.latestHash());
        });
  }

  static Status69 decode(Bytes payload) {
    List<Bytes> f = EthRlp.message(payload, "Status", FIELDS);
    return new Status69(
        EthRlp.uint32(f.get(0), "version"),
        EthRlp.uint64(f.get(1), "network id"),
        EthRlp.hash(f.get(2), "genesis"),
        EthRlp.forkId(f.get(3)),
        new BlockRange(
            EthRlp.uint64(f.get(4), "earliest block"),
            EthRlp.uint64(f.get(5), "latest block"),
            EthRlp.hash(f.get(6), "latest block hash")));
  }
}
