package org.jdevp2p.discv5;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our own record and the votes that keep its endpoints true. Each address family votes on its own
 * (PONGs that came in on that family's socket); when the winning endpoint differs from the record,
 * the record is re-signed with the new endpoint and a higher sequence number, and peers learn it
 * from the enr-seq of our next PING or PONG. Owned by the event loop; {@link #record()} may be read
 * from any thread.
 */
final class LocalNode {
  private static final Logger LOG = LoggerFactory.getLogger(LocalNode.class);

  private final PrivateKey key;
  private final NodeId id;
  private final AddressVotes votes4;
  private final AddressVotes votes6;
  private final boolean pinned4;
  private final boolean pinned6;
  private volatile NodeRecord record;

  /** {@code pinned4}, {@code pinned6}: that family's endpoint ignores votes (a static IP). */
  LocalNode(
      PrivateKey key,
      NodeRecord initial,
      int minStatements,
      boolean pinned4,
      boolean pinned6,
      InstantSource clock) {
    this.key = key;
    this.pinned4 = pinned4;
    this.pinned6 = pinned6;
    this.id = initial.nodeId();
    this.record = initial;
    this.votes4 = new AddressVotes(AddressVotes.DEFAULT_WINDOW, minStatements, clock);
    this.votes6 = new AddressVotes(AddressVotes.DEFAULT_WINDOW, minStatements, clock);
  }

  NodeRecord record() {
    return record;
  }

  NodeId id() {
    return id;
  }

  long seq() {
    return record.seq();
  }

  PrivateKey key() {
    return key;
  }

  /**
   * A peer at {@code from} saw us at {@code endpoint}; returns true if our record changed. Votes
   * across families (an IPv6 peer claiming an IPv4 endpoint) and votes for a pinned family are
   * ignored.
   */
  boolean addStatement(InetSocketAddress from, InetSocketAddress endpoint) {
    boolean v4 = from.getAddress() instanceof Inet4Address;
    if (v4 != endpoint.getAddress() instanceof Inet4Address) return false;
    if (v4 ? pinned4 : pinned6) return false;
    AddressVotes votes = v4 ? votes4 : votes6;
    votes.addStatement(from, endpoint);
    Optional<InetSocketAddress> predicted = votes.predict();
    if (predicted.isEmpty()) return false;
    Optional<InetSocketAddress> current = v4 ? record.udpEndpoint4() : ownEndpoint6();
    if (current.isPresent() && current.get().equals(predicted.get())) return false;
    InetSocketAddress p = predicted.get();
    NodeRecord.Builder b = record.toBuilder().seq(record.seq() + 1).ip(p.getAddress());
    if (v4) b.udp(p.getPort());
    else b.udp6(p.getPort());
    NodeRecord updated = b.sign(key);
    LOG.info("external endpoint now {}: record seq {}", p, updated.seq());
    record = updated;
    return true;
  }

  /**
   * Applies a change to our record's entries; when any entry differs afterwards, re-signs it with
   * seq + 1 (EIP-778: a changed record needs a higher sequence number), which peers learn from the
   * enr-seq of our next PING or PONG as they do for endpoint changes. Returns the current record.
   *
   * @throws org.jdevp2p.enr.InvalidRecordException when the change would make the record invalid
   *     (over 300 bytes, a malformed known entry); the record is then unchanged
   */
  NodeRecord update(Consumer<NodeRecord.Builder> change) {
    NodeRecord.Builder b = record.toBuilder();
    change.accept(b);
    NodeRecord updated = b.seq(record.seq() + 1).sign(key);
    if (updated.entries().equals(record.entries())) return record;
    LOG.info("record changed: seq {}", updated.seq());
    record = updated;
    return updated;
  }

  /**
   * Whether the endpoint our record states is the one peers see: pinned, or what the votes of its
   * family predict. The IPv4 endpoint counts when the record has one, else the IPv6 one.
   */
  boolean endpointConfirmed() {
    Optional<InetSocketAddress> v4 = record.udpEndpoint4();
    if (v4.isPresent()) return pinned4 || votes4.predict().equals(v4);
    Optional<InetSocketAddress> v6 = ownEndpoint6();
    return v6.isPresent() && (pinned6 || votes6.predict().equals(v6));
  }

  /** The IPv6 endpoint our record states itself (not the udp fallback of another family). */
  private Optional<InetSocketAddress> ownEndpoint6() {
    return record.ip6().isEmpty() ? Optional.empty() : record.udpEndpoint6();
  }
}
