package org.jdevp2p.eth;

import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a remote fork id is compatible with the local chain (EIP-2124 validation, in
 * geth's order: {@code forkid.newFilter}). The local head is read on each call, so one filter
 * serves a node for its whole life. Thread-safe when the head suppliers are.
 *
 * <p>Rules, with the local state taken at the first fork not yet passed:
 *
 * <ol>
 *   <li>Same fork hash: reject if the remote's next fork is one we have already passed without
 *       knowing it (1a), else accept (1b).
 *   <li>Remote hash is one of our past states: accept only if its next is the fork that ended that
 *       state for us, i.e. the remote is syncing; else {@link Result#REMOTE_STALE}.
 *   <li>Remote hash is one of our future states: accept, we are syncing.
 *   <li>Anything else: {@link Result#LOCAL_INCOMPATIBLE}.
 * </ol>
 */
public final class ForkFilter {
  private static final Logger LOG = LoggerFactory.getLogger(ForkFilter.class);

  /**
   * geth {@code forkid.timestampThreshold}: mainnet's genesis timestamp. A remote next above it is
   * taken to be a timestamp, so a node still in block forks can tell that a remote's time fork has
   * passed by its head time (rule 1a during the block-to-time transition).
   */
  static final long TIMESTAMP_THRESHOLD = 1_438_269_973L;

  /**
   * geth's sentinel fork 2^64-1 (unsigned): passed by no real head, so the last real fork needs no
   * special case.
   */
  private static final long NEVER = -1L;

  /** The result of {@link #validate}; the rejections are named after geth's errors. */
  public enum Result {
    OK,
    /** geth {@code ErrRemoteStale}: the remote stopped at a past fork and needs an update. */
    REMOTE_STALE,
    /** geth {@code ErrLocalIncompatibleOrStale}: another chain, or we need an update. */
    LOCAL_INCOMPATIBLE;

    public boolean accepted() {
      return this == OK;
    }
  }

  private final long[] forks; // block forks, then time forks, then NEVER
  private final int[] sums; // sums[0]: genesis; sums[k + 1]: after forks[k]
  private final int blockForkCount; // forks[0, blockForkCount) compare with the head block
  private final LongSupplier headBlock;
  private final LongSupplier headTime;

  private ForkFilter(ChainConfig chain, LongSupplier headBlock, LongSupplier headTime) {
    List<Long> byBlock = chain.blockForks();
    List<Long> byTime = chain.timeForks();
    int count = byBlock.size() + byTime.size();
    forks = new long[count + 1];
    sums = new int[count + 1];
    ForkHash hash = new ForkHash(chain.genesisHash());
    sums[0] = hash.value();
    for (int i = 0; i < count; i++) {
      forks[i] = i < byBlock.size() ? byBlock.get(i) : byTime.get(i - byBlock.size());
      hash.add(forks[i]);
      sums[i + 1] = hash.value();
    }
    forks[count] = NEVER;
    // Without time forks the sentinel counts as a block fork, so it is compared with the head
    // block and never spills into timestamp territory (as in geth).
    blockForkCount = byTime.isEmpty() ? count + 1 : byBlock.size();
    this.headBlock = headBlock;
    this.headTime = headTime;
  }

  /**
   * A filter for {@code chain} whose local head (block number and timestamp, both unsigned) is read
   * from the suppliers on every {@link #validate} call.
   */
  public static ForkFilter of(ChainConfig chain, LongSupplier headBlock, LongSupplier headTime) {
    return new ForkFilter(
        Objects.requireNonNull(chain, "chain"),
        Objects.requireNonNull(headBlock, "head block"),
        Objects.requireNonNull(headTime, "head time"));
  }

  /**
   * A filter for a node that holds no chain (eth69plus.md §8.1): it judges remotes as a node synced
   * to the present would, with every block fork passed (true of post-merge chains such as mainnet
   * and sepolia) and the head time read from {@code clock} as unix seconds on each call.
   */
  public static ForkFilter synced(ChainConfig chain, InstantSource clock) {
    Objects.requireNonNull(clock, "clock");
    List<Long> blockForks = chain.blockForks();
    long lastBlockFork = blockForks.isEmpty() ? 0 : blockForks.getLast();
    return of(chain, () -> lastBlockFork, () -> clock.instant().getEpochSecond());
  }

  public Result validate(ForkId remote) {
    long block = headBlock.getAsLong();
    long time = headTime.getAsLong();
    int remoteHash = remote.hashValue();
    long remoteNext = remote.next();
    for (int i = 0; i < forks.length; i++) {
      long head = i < blockForkCount ? block : time;
      if (Long.compareUnsigned(head, forks[i]) >= 0) continue; // passed
      // forks[i] is our first unpassed fork: sums[i] is our current state.
      if (sums[i] == remoteHash) {
        boolean remoteNextPassed =
            remoteNext != 0
                && (Long.compareUnsigned(head, remoteNext) >= 0
                    || (Long.compareUnsigned(remoteNext, TIMESTAMP_THRESHOLD) > 0
                        && Long.compareUnsigned(time, remoteNext) >= 0));
        return remoteNextPassed ? Result.LOCAL_INCOMPATIBLE : Result.OK; // rules 1a, 1b
      }
      for (int j = 0; j < i; j++) {
        if (sums[j] == remoteHash) {
          return forks[j] == remoteNext ? Result.OK : Result.REMOTE_STALE; // rule 2
        }
      }
      for (int j = i + 1; j < sums.length; j++) {
        if (sums[j] == remoteHash) return Result.OK; // rule 3
      }
      return Result.LOCAL_INCOMPATIBLE; // rule 4
    }
    // Only a head of 2^64-1 passes the sentinel. geth logs this and accepts rather than reject.
    LOG.error(
        "Impossible fork id validation: head block {} time {} passed every fork", block, time);
    return Result.OK;
  }
}
