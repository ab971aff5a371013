package org.jdevp2p.rlpx.eth;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;

/**
 * eth/68 0x07: {@code [[header, [tx, ...], [ommer, ...]], td]}. Obsolete since the Merge: geth
 * disconnects on it, so we decode it but never send it. The block stays its RLP list.
 */
public record NewBlock(Bytes block, BigInteger totalDifficulty) implements EthMessage {
  public static final int CODE = 0x07;

  public NewBlock {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(totalDifficulty, "total difficulty");
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return EthRlp.encodeList(
        w -> {
          w.writeRLP(block);
          EthRlp.writeBigUInt(w, totalDifficulty);
        });
  }

  static NewBlock decode(Bytes payload) {
    List<Bytes> f = EthRlp.message(payload, "NewBlock", 2);
    EthRlp.list(f.get(0), "block", 3);
    return new NewBlock(f.get(0), EthRlp.bigUInt(f.get(1), "total difficulty"));
  }
}
