package org.jdevp2p.discv5.topic;

import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.enr.NodeRecord;

/**
 * The ENR entry that marks a node speaking the topic messages. The spec names it twice:
 * enr-entries/ng.md says {@code "topic-discovery"}, discv5-theory.md says {@code "ng"}; both carry
 * the protocol revision as a uint, 1 for this one. We publish {@code topic-discovery = 1} and read
 * either (topics.md §3). Topic requests go only to nodes that carry it.
 */
public final class TopicCapability {

  /** The key we publish (enr-entries/ng.md). */
  public static final String KEY = "topic-discovery";

  /** The key discv5-theory.md names; read, published only on request. */
  public static final String ALTERNATE_KEY = "ng";

  /** The revision this implementation speaks; other values count as absent (ng.md L29–33). */
  public static final int VERSION = 1;

  /** The entry's value: RLP of the uint {@link #VERSION}. */
  public static final Bytes VALUE = RLP.encodeInt(VERSION);

  private TopicCapability() {}

  /** True if the record carries {@code topic-discovery = 1} or {@code ng = 1}. */
  public static boolean isCapable(NodeRecord record) {
    return isVersion(record.get(KEY)) || isVersion(record.get(ALTERNATE_KEY));
  }

  private static boolean isVersion(Optional<Bytes> value) {
    return value.isPresent() && value.get().equals(VALUE);
  }
}
