package org.jdevp2p.cli;

import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Option;

/** How long a tool node that watches the network runs: until interrupted, or for --timeout. */
final class RunForOptions {
  @Option(
      names = "--timeout",
      paramLabel = "D",
      converter = DurationConverter.class,
      description = "Stop after this long (default: run until interrupted).")
  Duration timeout;

  /** When to stop: {@link Instant#MAX} when no --timeout was given. */
  Instant end() {
    return timeout == null ? Instant.MAX : Instant.now().plus(timeout);
  }
}
