package org.jdevp2p.cli;

import picocli.CommandLine.Option;

/** The --verbose switch, mixed into every command: show stack traces on failure. */
final class Verbosity {
  @Option(names = "--verbose", description = "Print the stack trace when the command fails.")
  boolean verbose;
}
