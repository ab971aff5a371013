package org.jdevp2p.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of a command that asks one node one thing: how long to wait, and JSON output. */
final class RequestOptions {
  @Option(
      names = "--timeout",
      paramLabel = "D",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description = "How long to wait for each answer (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;
}
