package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdevp2p.discv5.DropReason;
import org.jdevp2p.discv5.Metrics;
import org.jdevp2p.discv5.PacketKind;
import org.jdevp2p.rlpx.dial.PoolMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
  /** Fixed, distinct counter values, so each exported line can be traced to its source. */
  private static final Metrics METRICS =
      new Metrics() {
        @Override
        public long packetsIn(PacketKind kind) {
          return 100 + kind.ordinal();
        }

        @Override
        public long packetsOut(PacketKind kind) {
          return 200 + kind.ordinal();
        }

        @Override
        public long drops(DropReason reason) {
          return 300 + reason.ordinal();
        }

        @Override
        public long handshakes() {
          return 41;
        }

        @Override
        public long lookups() {
          return 42;
        }

        @Override
        public int sessions() {
          return 43;
        }

        @Override
        public int tableSize() {
          return 44;
        }

        @Override
        public long messagesIn(int type) {
          return 500 + type;
        }

        @Override
        public long messagesOut(int type) {
          return 600 + type;
        }

        @Override
        public int adsHeld() {
          return 46;
        }

        @Override
        public Map<String, Integer> activeRegistrations() {
          return Map.of("eth/68", 5, "a\"b", 2);
        }
      };

  private final AtomicBoolean healthy = new AtomicBoolean(true);
  private final MetricsServer server =
      MetricsServer.start(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          METRICS,
          () -> 45,
          healthy::get);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    server.close();
    http.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sample lines by "name{labels}", comments skipped, as a Prometheus scraper reads them. */
  private Map<String, Long> scrape() throws Exception {
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains(MetricsServer.CONTENT_TYPE);
    Map<String, Long> samples = new HashMap<>();
    for (String line : r.body().split("\n")) {
      if (line.startsWith("#")) continue;
      int space = line.lastIndexOf(' ');
      samples.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
    }
    return samples;
  }

  @Test
  void exportsPacketsByKindInEachDirection() throws Exception {
    Map<String, Long> s = scrape();

    assertThat(s).containsEntry("discv5_packets_in_total{kind=\"whoareyou\"}", 101L);
    assertThat(s).containsEntry("discv5_packets_out_total{kind=\"handshake\"}", 202L);
  }

  @Test
  void exportsEveryDropReason() throws Exception {
    Map<String, Long> s = scrape();

    for (DropReason r : DropReason.values()) {
      String key = "discv5_dropped_total{reason=\"" + r.name().toLowerCase() + "\"}";
      assertThat(s).containsEntry(key, 300L + r.ordinal());
    }
  }

  @Test
  void exportsTheSingleValues() throws Exception {
    Map<String, Long> s = scrape();

    assertThat(s)
        .containsEntry("discv5_rate_limited_total", 300L + DropReason.RATE_LIMITED.ordinal())
        .containsEntry("discv5_handshakes_total", 41L)
        .containsEntry("discv5_lookups_total", 42L)
        .containsEntry("discv5_sessions", 43L)
        .containsEntry("discv5_table_nodes", 44L)
        .containsEntry("bootnode_db_nodes", 45L);
  }

  @Test
  void aNodeWithPeersExportsItsPoolAfterTheDiscoveryFamilies() {
    PoolMetrics pool = new PoolMetrics(51, 52, Map.of("too many peers", 53L), 54, 55, 56, 57);

    String body = MetricsServer.render(METRICS, 45, pool);

    assertThat(body.lines().filter(l -> !l.startsWith("#")))
        .contains(
            "eth_peers 57",
            "rlpx_peers{direction=\"inbound\"} 55",
            "rlpx_peers{direction=\"outbound\"} 56",
            "rlpx_dials_total 51",
            "rlpx_dials_kept_total 52",
            "rlpx_dial_failures_total{reason=\"too many peers\"} 53",
            "rlpx_inbound_refused_total 54");
    assertThat(body).startsWith(MetricsServer.render(METRICS, 45, null));
  }

  @Test
  void exportsTopicMessagesByTypeInEachDirection() throws Exception {
    Map<String, Long> s = scrape();

    assertThat(s).containsEntry("discv5_topic_messages_in_total{type=\"regtopic\"}", 507L);
    assertThat(s).containsEntry("discv5_topic_messages_out_total{type=\"topicnodes\"}", 610L);
  }

  @Test
  void exportsAdsHeldAndRegistrationsPerTopicWithTheNameEscaped() throws Exception {
    Map<String, Long> s = scrape();

    assertThat(s)
        .containsEntry("discv5_topic_ads", 46L)
        .containsEntry("discv5_topic_registrations{topic=\"eth/68\"}", 5L)
        .containsEntry("discv5_topic_registrations{topic=\"a\\\"b\"}", 2L);
  }

  @Test
  void everySampleHasAHelpAndTypeLine() throws Exception {
    String body = get("/metrics").body();

    for (String name : scrape().keySet()) {
      String family = name.contains("{") ? name.substring(0, name.indexOf('{')) : name;
      assertThat(body).contains("# HELP " + family + " ", "# TYPE " + family + " ");
    }
  }

  @Test
  void healthIsOkWhileRunning() throws Exception {
    HttpResponse<String> r = get("/health");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok\n");
  }

  @Test
  void healthIsUnavailableWhileStopping() throws Exception {
    healthy.set(false);

    assertThat(get("/health").statusCode()).isEqualTo(503);
  }
}
