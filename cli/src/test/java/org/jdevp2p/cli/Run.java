package org.jdevp2p.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the command line with its output captured. */
record Run(int exitCode, String out, String err) {

  static Run of(String... args) {
    CommandLine cli = Devp2pCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** The lines written to stderr. */
  String[] errLines() {
    return err.lines().toArray(String[]::new);
  }
}
