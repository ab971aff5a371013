package org.jdevp2p.node;

import java.util.Objects;
import java.util.function.Predicate;
import org.jdevp2p.enr.NodeRecord;

/**
 * Which candidate nodes a consumer wants, e.g. "has a TCP endpoint and an eth entry that matches
 * our fork id". Combinations stay {@code NodeFilter}s, so they can be handed to {@link
 * NodeSource#filter}.
 */
@FunctionalInterface
public interface NodeFilter extends Predicate<NodeRecord> {

  /** Nodes whose record has an entry with this key. */
  static NodeFilter hasEntry(String key) {
    Objects.requireNonNull(key, "key");
    return record -> record.get(key).isPresent();
  }

  /** Nodes that can be dialled over TCP: an IPv4 or IPv6 TCP endpoint. */
  static NodeFilter hasTcpEndpoint() {
    return record -> record.tcpEndpoint4().isPresent() || record.tcpEndpoint6().isPresent();
  }

  @Override
  default NodeFilter and(Predicate<? super NodeRecord> other) {
    Objects.requireNonNull(other, "other");
    return record -> test(record) && other.test(record);
  }

  @Override
  default NodeFilter or(Predicate<? super NodeRecord> other) {
    Objects.requireNonNull(other, "other");
    return record -> test(record) || other.test(record);
  }

  @Override
  default NodeFilter negate() {
    return record -> !test(record);
  }
}
