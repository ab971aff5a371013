package org.jdevp2p.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code devp2p bootnode} in a JVM of its own, on the test's classpath, listening on 127.0.0.1 on
 * an ephemeral port with metrics on: what an operator's service manager would run.
 */
final class BootnodeProcess implements AutoCloseable {
  /** How long a JVM may take to print its node on a loaded CI machine. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Map<String, String> info = new HashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  private BootnodeProcess(Process process) {
    this.process = process;
  }

  static BootnodeProcess start(Path datadir, List<String> extraArgs) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            java,
            "-Xmx128m",
            "-cp",
            System.getProperty("java.class.path"),
            Devp2pCommand.class.getName(),
            "bootnode",
            "--datadir",
            datadir.toString(),
            "--addr",
            "127.0.0.1:0",
            "--metrics-addr",
            "127.0.0.1:0",
            "--verbosity",
            "2"));
    cmd.addAll(extraArgs);
    Process p =
        new ProcessBuilder(cmd)
            .redirectError(
                ProcessBuilder.Redirect.appendTo(datadir.resolveSibling("stderr.log").toFile()))
            .start();
    BootnodeProcess b = new BootnodeProcess(p);
    b.readInfo();
    return b;
  }

  /** Reads the "key: value" lines the bootnode prints at start, up to its "datadir:" line. */
  private void readInfo() throws Exception {
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) lines.add(l);
              } catch (IOException e) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!info.containsKey("datadir")) {
      Duration left = Duration.between(Instant.now(), deadline);
      String line = left.isNegative() ? null : lines.poll(left.toMillis(), TimeUnit.MILLISECONDS);
      if (line == null) {
        throw new IllegalStateException("bootnode printed no datadir line; exit " + exit());
      }
      int colon = line.indexOf(':');
      if (colon > 0) info.put(line.substring(0, colon), line.substring(colon + 1).strip());
    }
  }

  private String exit() {
    return process.isAlive() ? "still running" : String.valueOf(process.exitValue());
  }

  String nodeId() {
    return info.get("node id");
  }

  long seq() {
    return Long.parseLong(info.get("seq"));
  }

  String enr() {
    return info.get("enr");
  }

  /** One sample of the metrics page, by "name{labels}". */
  long metric(String name) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(info.get("metrics"))).build(),
            HttpResponse.BodyHandlers.ofString());
    for (String line : r.body().split("\n")) {
      if (line.startsWith(name + " ")) return Long.parseLong(line.substring(name.length() + 1));
    }
    throw new IllegalStateException("no metric " + name);
  }

  /** SIGTERM; returns whether the process ended within the timeout. */
  boolean terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SIGKILL, as a crash or the OOM killer would. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() {
    http.close();
    process.destroyForcibly();
  }
}
