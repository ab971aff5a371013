package org.jdevp2p.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine;

/**
 * A command that runs until interrupted (listen, topic register), on a thread of its own, with its
 * output readable while it runs: a test waits for the line it expects, however long a loaded
 * machine takes to print it, instead of giving the command a fixed time. Closing it stops the
 * command if the test did not.
 */
final class RunningCommand implements AutoCloseable {
  /** How long {@link #close} waits for a command it interrupts. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  /** How often the output is read while waiting for a line. */
  private static final Duration POLL = Duration.ofMillis(20);

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Thread thread;
  private volatile int exitCode = -1;

  private RunningCommand(String... args) {
    CommandLine cli = Devp2pCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    thread = Thread.ofPlatform().name("command").daemon().start(() -> exitCode = cli.execute(args));
  }

  static RunningCommand start(String... args) {
    return new RunningCommand(args);
  }

  /** The first output line containing {@code text}, once printed; fails after {@code limit}. */
  String awaitLine(String text, Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      for (String line : out.toString().split("\n")) {
        if (line.contains(text)) return line;
      }
      if (!thread.isAlive()) break; // it ended: no more output comes
      Thread.sleep(POLL);
    }
    throw new AssertionError("no \"" + text + "\" in output: " + out + err);
  }

  /** Interrupts the command and returns its exit code; fails if it does not end within limit. */
  int stop(Duration limit) throws InterruptedException {
    thread.interrupt();
    if (!thread.join(limit))
      throw new AssertionError("still running " + limit + " after interrupt");
    return exitCode;
  }

  @Override
  public void close() throws InterruptedException {
    if (thread.isAlive()) stop(CLOSE_WAIT);
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
