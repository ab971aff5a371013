package org.jdevp2p.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An @ethereumjs/devp2p RLPx peer in a Node.js process ({@code js/rlpx-peer.mjs}), seen through the
 * JSON lines it prints, one per event. Every event is echoed to stdout so that a failing test shows
 * what the other side saw (a Disconnect and who sent it, an error). If Node.js or the npm packages
 * are missing, starting one throws: the interop tests fail, they do not skip.
 */
final class EthereumJsPeer implements AutoCloseable {
  /** How long to wait for one event: generous, a loopback handshake takes milliseconds. */
  static final Duration EVENT_TIMEOUT = Duration.ofSeconds(15);

  /** How long the script gets to say goodbye (send Disconnect) before it is killed. */
  private static final Duration EXIT_GRACE = Duration.ofSeconds(3);

  /** Set by the interop-tests pom: the directory with package.json and rlpx-peer.mjs. */
  private static final String JS_DIR_PROPERTY = "interop.js.dir";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode END = JSON.createObjectNode().put("event", "exit");

  private final Process process;
  private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  private final List<String> stderr = new ArrayList<>();

  private EthereumJsPeer(List<String> args) {
    Path jsDir = jsDir();
    List<String> command = new ArrayList<>(List.of(node(), "rlpx-peer.mjs"));
    command.addAll(args);
    try {
      process = new ProcessBuilder(command).directory(jsDir.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    Thread.ofPlatform().daemon().name("ethereumjs-stdout").start(this::readEvents);
    Thread.ofPlatform().daemon().name("ethereumjs-stderr").start(this::readStderr);
  }

  /** An ethereumjs RLPx server on 127.0.0.1 (ephemeral port) with these extra arguments. */
  static EthereumJsPeer server(String... args) {
    List<String> all = new ArrayList<>(List.of("server"));
    all.addAll(List.of(args));
    return new EthereumJsPeer(all);
  }

  /** An ethereumjs RLPx client that dials the enode URL at once. */
  static EthereumJsPeer client(String enode, String... args) {
    List<String> all = new ArrayList<>(List.of("client", "--connect", enode));
    all.addAll(List.of(args));
    return new EthereumJsPeer(all);
  }

  /**
   * The next event of this type; events of other types before it are skipped (they were echoed).
   * Fails when none comes in time or the process ends first.
   */
  JsonNode await(String type) {
    return awaitAll(type).get(type);
  }

  /**
   * The next event of each of these types, in whatever order they come; events of other types are
   * skipped (they were echoed). Fails when one does not come in time or the process ends first.
   */
  Map<String, JsonNode> awaitAll(String... types) {
    Map<String, JsonNode> found = new HashMap<>();
    Set<String> wanted = Set.of(types);
    long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
    while (found.size() < wanted.size()) {
      JsonNode event;
      try {
        event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for ethereumjs events " + wanted, e);
      }
      if (event == null) {
        throw new AssertionError(
            "no " + missing(wanted, found) + " from ethereumjs in " + EVENT_TIMEOUT + stderr());
      }
      if (event == END) {
        events.add(END);
        throw new AssertionError("ethereumjs exited before " + missing(wanted, found) + stderr());
      }
      String type = event.path("event").asText();
      if (wanted.contains(type)) found.putIfAbsent(type, event);
    }
    return found;
  }

  private static String missing(Set<String> wanted, Map<String, JsonNode> found) {
    return wanted.stream()
        .filter(t -> !found.containsKey(t))
        .map(t -> "'" + t + "'")
        .toList()
        .toString();
  }

  @Override
  public void close() {
    // Closing stdin asks the script to disconnect its peers and exit; kill it if it does not.
    try {
      process.getOutputStream().close();
      if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void readEvents() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        System.out.println("[ethereumjs] " + line);
        try {
          events.add(JSON.readTree(line));
        } catch (IOException notJson) {
          // Not one of our events (a library printing on its own): echoed above, nothing else.
        }
      }
    } catch (IOException e) {
      // the process went away; END below says so
    }
    events.add(END);
  }

  private void readStderr() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        System.out.println("[ethereumjs stderr] " + line);
        synchronized (stderr) {
          stderr.add(line);
        }
      }
    } catch (IOException e) {
      // the process went away
    }
  }

  private String stderr() {
    synchronized (stderr) {
      return stderr.isEmpty() ? "" : "; its stderr:\n" + String.join("\n", stderr);
    }
  }

  private static Path jsDir() {
    String dir = System.getProperty(JS_DIR_PROPERTY);
    if (dir == null) {
      throw new IllegalStateException(
          "system property " + JS_DIR_PROPERTY + " is not set (the interop-tests pom sets it)");
    }
    Path js = Path.of(dir);
    if (!Files.isDirectory(js.resolve("node_modules/@ethereumjs/devp2p"))) {
      throw new IllegalStateException(
          "@ethereumjs/devp2p is not installed in " + js + ": run `npm ci` there");
    }
    return js;
  }

  /** The node executable on PATH; the interop tests need Node.js 20 or later. */
  private static String node() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(java.io.File.pathSeparator))
        .map(dir -> Path.of(dir, "node"))
        .filter(Files::isExecutable)
        .findFirst()
        .map(Path::toString)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "node is not on PATH: the RLPx interop tests need Node.js 20+"));
  }
}
