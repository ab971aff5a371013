package org.jdevp2p.rlpx.eth;

import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * eth/68 0x01: {@code [[hash, number], ...]}. Obsolete since the Merge: geth disconnects on it, so
 * we decode it but never send it (eth68.md §2).
 */
public record NewBlockHashes(List<Announcement> announcements) implements EthMessage {
  public static final int CODE = 0x01;

  /** One announced block. */
  public record Announcement(Bytes32 hash, long number) {
    public Announcement {
      Objects.requireNonNull(hash, "hash");
    }
  }

  public NewBlockHashes {
    announcements = List.copyOf(announcements);
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return EthRlp.encodeList(
        w ->
            announcements.forEach(
                a ->
                    w.writeList(
                        l -> {
                          l.writeValue(a.hash());
                          EthRlp.writeUInt64(l, a.number());
                        })));
  }

  static NewBlockHashes decode(Bytes payload) {
    EthRlp.message(payload, "NewBlockHashes", EthRlp.ANY_SIZE);
    return new NewBlockHashes(
        EthRlp.listOf(
            payload,
            "NewBlockHashes",
            item -> {
              List<Bytes> f = EthRlp.list(item, "block announcement", 2);
              return new Announcement(
                  EthRlp.hash(f.get(0), "block hash"), EthRlp.uint64(f.get(1), "block number"));
            }));
  }
}
