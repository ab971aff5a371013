package org.jdevp2p.rlpx.eth;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * eth/70+ 0x0f (EIP-7975): {@code [request-id, firstBlockReceiptIndex, [blockhash, ...]]}, a flat
 * three-element list, not {@code [rid, inner]}. The index applies to the first block only.
 */
public record GetReceipts70(long requestId, long firstBlockReceiptIndex, List<Bytes32> hashes)
    implements EthMessage.Request {
  public static final int CODE = GetReceipts.CODE;

  private static final int FIELDS = 3;

  public GetReceipts70 {
    hashes = List.copyOf(hashes);
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
          EthRlp.writeUInt64(w, firstBlockReceiptIndex);
          EthRlp.writeHashes(w, hashes);
        });
  }

  static GetReceipts70 decode(Bytes payload) {
    List<Bytes> f = EthRlp.message(payload, "GetReceipts", FIELDS);
    return new GetReceipts70(
        EthRlp.uint64(f.get(0), "GetReceipts request id"),
        EthRlp.uint64(f.get(1), "first block receipt index"),
        EthRlp.hashes(f.get(2), "block hashes"));
  }
}
