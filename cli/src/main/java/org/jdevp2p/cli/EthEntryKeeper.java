package org.jdevp2p.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.eth.ForkId;
import org.jdevp2p.rlpx.eth.EthHandler;

/**
 * Keeps our ENR {@code eth} entry equal to the fork id we announce: publishes it at {@link #start}
 * and checks it again when each of the chain's time forks activates (a timer at the next fork time
 * after now), publishing only a fork id that changed. Block forks need no timer: a node without a
 * chain never passes one, and mainnet and sepolia have passed them all.
 */
final class EthEntryKeeper implements AutoCloseable {
  private final ChainConfig chain;
  private final LongFunction<ForkId> forkIdAt;
  private final InstantSource clock;
  private final EthHandler.Timer timer;
  private final Consumer<ForkId> publish;
  private ForkId published; // guarded by this
  private Runnable cancel = () -> {}; // guarded by this
  private boolean closed; // guarded by this

  /**
   * @param forkIdAt the fork id we announce at a unix time (seconds)
   * @param publish writes the fork id into our record
   */
  EthEntryKeeper(
      ChainConfig chain,
      LongFunction<ForkId> forkIdAt,
      InstantSource clock,
      EthHandler.Timer timer,
      Consumer<ForkId> publish) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.forkIdAt = Objects.requireNonNull(forkIdAt, "forkIdAt");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timer = Objects.requireNonNull(timer, "timer");
    this.publish = Objects.requireNonNull(publish, "publish");
  }

  void start() {
    check();
  }

  /** The fork id last published. */
  synchronized ForkId published() {
    return published;
  }

  private synchronized void check() {
    if (closed) return;
    long now = clock.instant().getEpochSecond();
    ForkId current = forkIdAt.apply(now);
    if (!current.equals(published)) {
      published = current;
      publish.accept(current);
    }
    for (long fork : chain.timeForks()) {
      if (Long.compareUnsigned(fork, now) > 0) {
        Duration delay = Duration.between(clock.instant(), Instant.ofEpochSecond(fork));
        cancel = timer.schedule(delay, this::check);
        return;
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    cancel.run();
  }
}
