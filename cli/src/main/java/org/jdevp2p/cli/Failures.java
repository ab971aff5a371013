package org.jdevp2p.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception out of a command into one line on stderr and exit code 1. The stack trace is
 * printed only with --verbose.
 */
final class Failures implements IExecutionExceptionHandler {
  static final int FAILED = 1;

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    boolean verbose = parsed.hasMatchedOption("--verbose");
    for (ParseResult sub = parsed.subcommand(); sub != null && !verbose; sub = sub.subcommand()) {
      verbose = sub.hasMatchedOption("--verbose");
    }
    if (verbose) e.printStackTrace(cli.getErr());
    cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": " + message(e));
    return FAILED;
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !m.contains(cause.getMessage())) {
      m += ": " + cause.getMessage();
    }
    return m;
  }
}
