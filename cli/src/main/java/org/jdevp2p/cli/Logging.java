package org.jdevp2p.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets up slf4j-simple, the one logging implementation, for a long-running command: geth's
 * verbosity levels and a text or JSON-lines format, both on stderr. Must run before the first
 * logger is created (slf4j-simple reads its settings once).
 */
final class Logging {
  private Logging() {}

  /** geth's --verbosity: 0 silent, 1 error, 2 warn, 3 info, 4 debug, 5 trace. */
  static final String[] LEVELS = {"off", "error", "warn", "info", "debug", "trace"};

  private static final String PREFIX = "org.slf4j.simpleLogger.";

  /** One line as slf4j-simple writes it with the settings below. */
  private static final Pattern LINE =
      Pattern.compile("^(\\S+) (TRACE|DEBUG|INFO|WARN|ERROR) (\\S+) - (.*)$");

  static void configure(int verbosity, String format) {
    if (verbosity < 0 || verbosity >= LEVELS.length) {
      throw new CommandFailedException("--verbosity must be 0 to 5, not " + verbosity);
    }
    System.setProperty(PREFIX + "defaultLogLevel", LEVELS[verbosity]);
    System.setProperty(PREFIX + "showDateTime", "true");
    System.setProperty(PREFIX + "dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    System.setProperty(PREFIX + "showThreadName", "false");
    System.setProperty(PREFIX + "showShortLogName", "true");
    // Netty's own debug output is about Netty, not about the network: only from level 5.
    System.setProperty(PREFIX + "log.io.netty", verbosity >= 5 ? "trace" : "warn");
    switch (format) {
      case "text" -> {}
      case "json" ->
          System.setErr(new PrintStream(new JsonLines(System.err), true, StandardCharsets.UTF_8));
      default -> throw new CommandFailedException("--log-format must be text or json: " + format);
    }
  }

  /**
   * Rewrites each line slf4j-simple prints into one JSON object: {@code {"time", "level", "logger",
   * "msg"}}; other lines (stack traces) become {@code {"msg"}}.
   */
  static final class JsonLines extends OutputStream {
    /** A log line longer than this is cut: a bound on the buffer whatever is logged. */
    static final int MAX_LINE = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    JsonLines(OutputStream out) {
      this.out = out;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      if (b == '\n') {
        emit();
      } else if (line.size() < MAX_LINE) {
        line.write(b);
      }
    }

    @Override
    public synchronized void flush() throws java.io.IOException {
      out.flush();
    }

    private void emit() throws java.io.IOException {
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      ObjectNode o = JSON.createObjectNode();
      Matcher m = LINE.matcher(text);
      if (m.matches()) {
        o.put("time", m.group(1)).put("level", m.group(2)).put("logger", m.group(3));
        o.put("msg", m.group(4));
      } else {
        o.put("msg", text);
      }
      out.write((JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }
}
