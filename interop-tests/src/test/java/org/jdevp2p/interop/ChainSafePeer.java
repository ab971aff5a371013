package org.jdevp2p.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

/**
 * A ChainSafe {@code @chainsafe/discv5} node in a Node.js child process, running {@code
 * chainsafe-discv5.mjs} from the directory in the system property {@value #JS_DIR_PROPERTY}
 * (Maven's surefire sets it and runs {@code npm ci} there first). Commands and results travel as
 * JSON lines over the child's stdin and stdout; the script documents the protocol.
 */
final class ChainSafePeer implements Discv5Peer {
  static final String JS_DIR_PROPERTY = "interop.js.dir";
  static final String SCRIPT = "chainsafe-discv5.mjs";

  // Its requests wait JdevpPeer.REQUEST_TIMEOUT rather than its 1 s default, which a cold test
  // JVM answering its first handshake exceeded here (ChainSafe does not resend such a request).

  /** Node.js starts and binds in about a second here; a loaded 2-core CI machine needs slack. */
  private static final long START_TIMEOUT_SECONDS = 30;

  /** How long close() lets the child exit on SIGTERM before killing it outright. */
  private static final long EXIT_TIMEOUT_SECONDS = 5;

  /** Lines of the child's stderr kept for failure messages; its debug logs can be long. */
  private static final int STDERR_LINES_KEPT = 40;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Process process;
  private final OutputStream stdin;
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong();
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private final CompletableFuture<JsonNode> started = new CompletableFuture<>();
  private volatile String enr;

  private ChainSafePeer(Process process) {
    this.process = process;
    this.stdin = process.getOutputStream();
  }

  /**
   * Starts a node on 127.0.0.1 with a fresh key. Fails (never skips) when Node.js or the npm
   * packages are missing, with a message that says how to install them.
   */
  static ChainSafePeer start() {
    return start(jsDir());
  }

  /** Starts a node from the script in {@code dir}, where npm installed its packages. */
  static ChainSafePeer start(Path dir) {
    Path script = dir.resolve(SCRIPT);
    if (!Files.isDirectory(dir.resolve("node_modules/@chainsafe/discv5"))) {
      throw new IllegalStateException(
          "@chainsafe/discv5 is not installed in " + dir + ": run `npm ci` there");
    }
    Process process;
    try {
      process =
          new ProcessBuilder(
                  "node",
                  script.toString(),
                  "--ip",
                  TekuPeer.LOOPBACK,
                  "--request-timeout",
                  Long.toString(JdevpPeer.REQUEST_TIMEOUT.toMillis()))
              .directory(dir.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run `node` (Node.js 20 or newer is required)", e);
    }
    ChainSafePeer peer = new ChainSafePeer(process);
    Thread.ofPlatform().daemon().name("chainsafe-stdout").start(peer::readStdout);
    Thread.ofPlatform().daemon().name("chainsafe-stderr").start(peer::readStderr);
    try {
      JsonNode event = peer.started.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      peer.enr = event.get("enr").asText();
    } catch (Exception e) {
      peer.close();
      throw new IllegalStateException("ChainSafe discv5 did not start: " + peer.stderr(), e);
    }
    return peer;
  }

  static Path jsDir() {
    String dir = System.getProperty(JS_DIR_PROPERTY);
    if (dir == null) {
      throw new IllegalStateException(
          "system property " + JS_DIR_PROPERTY + " is not set (run the tests through Maven)");
    }
    return Path.of(dir);
  }

  @Override
  public String implementation() {
    return "chainsafe";
  }

  @Override
  public String enr() {
    return enr;
  }

  @Override
  public CompletableFuture<Void> ping(String target) {
    return call("ping", c -> c.put("enr", target)).thenApply(r -> null);
  }

  @Override
  public CompletableFuture<List<String>> findNodes(String target, List<Integer> distances) {
    return call(
            "findNode",
            c -> {
              c.put("enr", target);
              distances.forEach(c.putArray("distances")::add);
            })
        .thenApply(ChainSafePeer::enrs);
  }

  @Override
  public CompletableFuture<List<String>> lookup() {
    // Its lookup needs a target: a random one, as Teku's does.
    byte[] target = new byte[32];
    RANDOM.nextBytes(target);
    return call("lookup", c -> c.put("target", HexFormat.of().formatHex(target)))
        .thenApply(ChainSafePeer::enrs);
  }

  /** Starts a node and puts these records in its routing table (its way of taking bootnodes). */
  static ChainSafePeer startWithBootnodes(String... enrs) {
    ChainSafePeer peer = start();
    for (String record : enrs) {
      Await.done(peer.call("addEnr", c -> c.put("enr", record)), peer + " addEnr");
    }
    return peer;
  }

  @Override
  public Set<String> tableNodeIds() {
    Set<String> ids = new HashSet<>();
    enrs(Await.done(call("table", c -> {}), this + " table")).forEach(e -> ids.add(Enrs.nodeId(e)));
    return ids;
  }

  @Override
  public String toString() {
    return implementation() + ":" + nodeId().substring(0, 8);
  }

  /** Kills the child (SIGTERM, then SIGKILL if it lingers) and fails what is still pending. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    failPending("closed");
  }

  /** The last lines the child wrote to stderr, for failure messages. */
  String stderr() {
    synchronized (stderrTail) {
      return stderrTail.isEmpty() ? "(no stderr)" : String.join("\n", stderrTail);
    }
  }

  private interface Args {
    void fill(ObjectNode command);
  }

  private CompletableFuture<JsonNode> call(String cmd, Args args) {
    long id = nextId.incrementAndGet();
    ObjectNode command = JSON.createObjectNode().put("id", id).put("cmd", cmd);
    args.fill(command);
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    pending.put(id, result);
    try {
      byte[] line = (JSON.writeValueAsString(command) + "\n").getBytes(StandardCharsets.UTF_8);
      synchronized (stdin) {
        stdin.write(line);
        stdin.flush();
      }
    } catch (IOException e) {
      pending.remove(id);
      result.completeExceptionally(
          new PeerFailure("chainsafe: cannot send " + cmd + ": " + e + "\n" + stderr()));
    }
    return result;
  }

  private void readStdout() {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        onLine(line);
      }
    } catch (IOException e) {
      // the process went away; handled below
    }
    started.completeExceptionally(new PeerFailure("chainsafe exited before it started"));
    failPending("exited (" + exitDescription() + ")");
  }

  private void onLine(String line) {
    JsonNode message;
    try {
      message = JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("chainsafe wrote a line that is not JSON: " + line, e);
    }
    if (message.has("event")) {
      switch (message.get("event").asText()) {
        case "started" -> started.complete(message);
        case "fatal" -> failPending("crashed: " + message.get("error").asText());
        default -> {}
      }
      return;
    }
    CompletableFuture<JsonNode> result = pending.remove(message.path("id").asLong());
    if (result == null) {
      return;
    }
    if (message.path("ok").asBoolean()) {
      result.complete(message.get("result"));
    } else {
      // What the peer said, verbatim: the point of a failure message in interop.
      result.completeExceptionally(
          new PeerFailure("chainsafe said: " + message.path("error").asText()));
    }
  }

  private void readStderr() {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        synchronized (stderrTail) {
          if (stderrTail.size() == STDERR_LINES_KEPT) {
            stderrTail.removeFirst();
          }
          stderrTail.addLast(line);
        }
      }
    } catch (IOException e) {
      // the process went away
    }
  }

  private String exitDescription() {
    try {
      return process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          ? "exit code " + process.exitValue()
          : "still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private void failPending(String why) {
    for (Long id : List.copyOf(pending.keySet())) {
      CompletableFuture<JsonNode> result = pending.remove(id);
      if (result != null) {
        result.completeExceptionally(new PeerFailure("chainsafe " + why + "\n" + stderr()));
      }
    }
  }

  private static List<String> enrs(JsonNode result) {
    return StreamSupport.stream(result.get("enrs").spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }

  /** Raised for anything the child reported as failed, with its words. */
  static final class PeerFailure extends RuntimeException {
    PeerFailure(String message) {
      super(message);
    }
  }
}
