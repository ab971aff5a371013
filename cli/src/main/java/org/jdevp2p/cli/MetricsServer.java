package org.jdevp2p.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.jdevp2p.discv5.DropReason;
import org.jdevp2p.discv5.Metrics;
import org.jdevp2p.discv5.PacketKind;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.rlpx.dial.PoolMetrics;

/**
 * The daemon's metrics in Prometheus' text exposition format (version 0.0.4) at {@code /metrics},
 * and {@code /health} answering 200 "ok" while the node runs, over the JDK's built-in HTTP server:
 * no dependency, one thread, opt-in. docs/bootnode.md explains every metric.
 */
final class MetricsServer implements AutoCloseable {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Connections waiting to be accepted: a scraper or two, and a health checker. */
  static final int BACKLOG = 8;

  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Serves the metrics of a node until closed.
   *
   * @param storedNodes the node database's size, exported as {@code bootnode_db_nodes}
   * @param healthy false once the node is shutting down
   */
  static MetricsServer start(
      InetSocketAddress address,
      Metrics metrics,
      IntSupplier storedNodes,
      BooleanSupplier healthy) {
    return start(address, metrics, storedNodes, healthy, null);
  }

  /**
   * Serves the metrics of a node with RLPx peers too ({@code devp2p node}).
   *
   * @param pool the peer pool's counters, exported as the {@code rlpx_} and {@code eth_} families;
   *     null for a node without RLPx
   */
  static MetricsServer start(
      InetSocketAddress address,
      Metrics metrics,
      IntSupplier storedNodes,
      BooleanSupplier healthy,
      Supplier<PoolMetrics> pool) {
    HttpServer server;
    try {
      server = HttpServer.create(address, BACKLOG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics on " + address, e);
    }
    server.createContext(
        "/metrics",
        ex ->
            respond(
                ex,
                200,
                CONTENT_TYPE,
                render(metrics, storedNodes.getAsInt(), pool == null ? null : pool.get())));
    server.createContext(
        "/health",
        ex -> {
          boolean up = healthy.getAsBoolean();
          respond(ex, up ? 200 : 503, "text/plain; charset=utf-8", up ? "ok\n" : "stopping\n");
        });
    server.start();
    return new MetricsServer(server);
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** The topic message types (topics.md §1) and their label values. */
  private static final List<Map.Entry<String, Integer>> TOPIC_MESSAGES =
      List.of(
          Map.entry("regtopic", Message.RegTopic.TYPE),
          Map.entry("regconfirmation", Message.RegConfirmation.TYPE),
          Map.entry("topicquery", Message.TopicQuery.TYPE),
          Map.entry("topicnodes", Message.TopicNodes.TYPE));

  /** The exposition text: every counter of the node, one family after another. */
  static String render(Metrics m, int storedNodes, PoolMetrics pool) {
    StringBuilder b = new StringBuilder();
    family(b, "discv5_packets_in_total", "counter", "Packets received, by header kind.");
    for (PacketKind k : PacketKind.values()) {
      sample(b, "discv5_packets_in_total", "kind", label(k), m.packetsIn(k));
    }
    family(b, "discv5_packets_out_total", "counter", "Packets sent, by header kind.");
    for (PacketKind k : PacketKind.values()) {
      sample(b, "discv5_packets_out_total", "kind", label(k), m.packetsOut(k));
    }
    family(b, "discv5_dropped_total", "counter", "Inbound packets dropped, by reason.");
    for (DropReason r : DropReason.values()) {
      sample(b, "discv5_dropped_total", "reason", label(r), m.drops(r));
    }
    single(b, "discv5_rate_limited_total", "counter", "Unsolicited packets over a rate limit.");
    b.append(m.rateLimited()).append('\n');
    single(b, "discv5_handshakes_total", "counter", "Handshakes completed, both roles.");
    b.append(m.handshakes()).append('\n');
    single(b, "discv5_lookups_total", "counter", "Lookups started, refreshes included.");
    b.append(m.lookups()).append('\n');
    single(b, "discv5_sessions", "gauge", "Sessions held now.");
    b.append(m.sessions()).append('\n');
    single(b, "discv5_table_nodes", "gauge", "Nodes in the table now.");
    b.append(m.tableSize()).append('\n');
    family(b, "discv5_topic_messages_in_total", "counter", "Topic messages received, by type.");
    for (Map.Entry<String, Integer> t : TOPIC_MESSAGES) {
      sample(b, "discv5_topic_messages_in_total", "type", t.getKey(), m.messagesIn(t.getValue()));
    }
    family(b, "discv5_topic_messages_out_total", "counter", "Topic messages sent, by type.");
    for (Map.Entry<String, Integer> t : TOPIC_MESSAGES) {
      sample(b, "discv5_topic_messages_out_total", "type", t.getKey(), m.messagesOut(t.getValue()));
    }
    single(b, "discv5_topic_ads", "gauge", "Ads held as a topic registrar now.");
    b.append(m.adsHeld()).append('\n');
    family(b, "discv5_topic_registrations", "gauge", "Registrars holding our ad, by topic.");
    for (Map.Entry<String, Integer> r : m.activeRegistrations().entrySet()) {
      sample(b, "discv5_topic_registrations", "topic", escaped(r.getKey()), r.getValue());
    }
    single(b, "bootnode_db_nodes", "gauge", "Nodes in the node database now.");
    b.append(storedNodes).append('\n');
    if (pool != null) renderPool(b, pool);
    return b.toString();
  }

  private static void renderPool(StringBuilder b, PoolMetrics p) {
    single(b, "eth_peers", "gauge", "Peers kept now: their eth Status was accepted.");
    b.append(p.keptPeers()).append('\n');
    family(b, "rlpx_peers", "gauge", "Connected RLPx peers now, by who dialled.");
    sample(b, "rlpx_peers", "direction", "inbound", p.inboundPeers());
    sample(b, "rlpx_peers", "direction", "outbound", p.outboundPeers());
    single(b, "rlpx_dials_total", "counter", "Dials started.");
    b.append(p.dialsAttempted()).append('\n');
    single(b, "rlpx_dials_kept_total", "counter", "Dials that ended with a kept eth peer.");
    b.append(p.dialsSucceeded()).append('\n');
    family(b, "rlpx_dial_failures_total", "counter", "Failed dials, by reason.");
    p.dialFailures().forEach((why, n) -> sample(b, "rlpx_dial_failures_total", "reason", why, n));
    single(b, "rlpx_inbound_refused_total", "counter", "Inbound connections throttled per IP.");
    b.append(p.inboundRefused()).append('\n');
  }

  private static void family(StringBuilder b, String name, String type, String help) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  /** A family of one unlabelled sample, left open for its value. */
  private static void single(StringBuilder b, String name, String type, String help) {
    family(b, name, type, help);
    b.append(name).append(' ');
  }

  private static void sample(StringBuilder b, String name, String key, String value, long n) {
    b.append(name).append('{').append(key).append("=\"").append(value).append("\"} ");
    b.append(n).append('\n');
  }

  /** A label value as the exposition format writes it: a service name may hold any character. */
  private static String escaped(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static void respond(HttpExchange ex, int status, String type, String body)
      throws IOException {
    try (ex) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", type);
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.sendResponseHeaders(status, -1);
        return;
      }
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
