package org.jdevp2p.rlpx.eth;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.eth.ForkId;

/**
 * eth/68 Status: {@code [version, networkid, td, blockhash, genesis, forkid]} (eth68.md §3). geth
 * sends {@code td = 0} since the Merge and validates neither td nor blockhash.
 */
public record Status68(
    int version,
    long networkId,
    BigInteger totalDifficulty,
    Bytes32 headHash,
    Bytes32 genesis,
    ForkId forkId)
    implements Status {

  /** geth's StatusPacket68 has exactly these fields, so a seventh element is a decode error. */
  private static final int FIELDS = 6;

  public Status68 {
    Objects.requireNonNull(totalDifficulty, "total difficulty");
    if (totalDifficulty.signum() < 0) throw new IllegalArgumentException("negative difficulty");
    Objects.requireNonNull(headHash, "head hash");
    Objects.requireNonNull(genesis, "genesis");
    Objects.requireNonNull(forkId, "fork id");
  }

  @Override
  public Bytes encode() {
    return EthRlp.encodeList(
        w -> {
          EthRlp.writeUInt64(w, Integer.toUnsignedLong(version));
          EthRlp.writeUInt64(w, networkId);
          EthRlp.writeBigUInt(w, totalDifficulty);
          w.writeValue(headHash);
          w.writeValue(genesis);
          w.writeRLP(forkId.encode());
        });
  }

  static Status68 decode(Bytes payload) {
    List<Bytes> f = EthRlp.message(payload, "Status", FIELDS);
    return new Status68(
        EthRlp.uint32(f.get(0), "version"),
        EthRlp.uint64(f.get(1), "network id"),
        EthRlp.bigUInt(f.get(2), "total difficulty"),
        EthRlp.hash(f.get(3), "head hash"),
        EthRlp.hash(f.get(4), "genesis"),
        EthRlp.forkId(f.get(5)));
  }
}
