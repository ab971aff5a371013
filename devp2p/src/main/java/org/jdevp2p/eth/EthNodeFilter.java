package org.jdevp2p.eth;

import java.util.Objects;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeFilter;

/**
 * Passes the nodes worth dialling for eth on our chain (geth {@code eth/protocols/eth/discovery.go
 * NewNodeFilter}): the record has a TCP endpoint, and its ENR {@code eth} entry decodes and carries
 * a fork id our {@link ForkFilter} accepts. A record without the entry, such as a consensus-layer
 * node's (which carries {@code eth2} instead), or with a malformed one, does not pass. The RLPx
 * Hello and the eth Status still have the final word. Thread-safe when the fork filter is.
 */
public final class EthNodeFilter implements NodeFilter {
  private final ForkFilter forkFilter;

  public EthNodeFilter(ForkFilter forkFilter) {
    this.forkFilter = Objects.requireNonNull(forkFilter, "fork filter");
  }

  @Override
  public boolean test(NodeRecord record) {
    if (record.tcpEndpoint4().isEmpty() && record.tcpEndpoint6().isEmpty()) return false;
    Optional<Bytes> value = record.get(EthEntry.KEY);
    if (value.isEmpty()) return false;
    try {
      return forkFilter.validate(EthEntry.decode(value.get()).forkId()).accepted();
    } catch (InvalidForkIdException e) {
      return false; // geth: a record whose entry does not load is skipped
    }
  }
}
