package org.jdevp2p.rlpx.eth;

import java.util.Objects;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.eth.ForkFilter;

/**
 * geth's checks on a received Status ({@code readStatus}), in geth's order: network id, exact
 * negotiated version, genesis, fork id, then (eth/69+) the block range. td, the head hash and
 * whether the head exists are not checked, as in geth.
 */
public final class StatusValidator {

  /** Why a Status was refused, with a message for logs. */
  public record Rejection(StatusError error, String detail) {
    @Override
    public String toString() {
      return error + ": " + detail;
    }
  }

  private final long networkId;
  private final Bytes32 genesis;
  private final ForkFilter forkFilter;

  /**
   * @param forkFilter judges the remote fork id against our current fork state; for a node without
   *     a chain, {@link ForkFilter#synced} (eth69plus.md §8.1: never against genesis)
   */
  public StatusValidator(ChainConfig chain, ForkFilter forkFilter) {
    this.networkId = chain.networkId();
    this.genesis = chain.genesisHash();
    this.forkFilter = Objects.requireNonNull(forkFilter, "fork filter");
  }

  /** The first rule {@code status} breaks on a link that negotiated {@code version}, if any. */
  public Optional<Rejection> validate(EthVersion version, Status status) {
    if (status.networkId() != networkId) {
      return reject(
          StatusError.NETWORK_ID_MISMATCH,
          "network id " + Long.toUnsignedString(status.networkId()) + " != " + networkId);
    }
    if (status.version() != version.number()) {
      return reject(
          StatusError.PROTOCOL_VERSION_MISMATCH,
          "version " + Integer.toUnsignedString(status.version()) + " on an " + version + " link");
    }
    if (!status.genesis().equals(genesis)) {
      return reject(StatusError.GENESIS_MISMATCH, "genesis " + status.genesis().toHexString());
    }
    ForkFilter.Result fork = forkFilter.validate(status.forkId());
    if (!fork.accepted()) {
      return reject(StatusError.FORK_ID_REJECTED, "fork id " + status.forkId() + ": " + fork);
    }
    if (status instanceof Status69 s && !s.blockRange().isValid()) {
      return reject(StatusError.INVALID_BLOCK_RANGE, "block range " + s.blockRange());
    }
    return Optional.empty();
  }

  private static Optional<Rejection> reject(StatusError error, String detail) {
    return Optional.of(new Rejection(error, detail));
  }
}
