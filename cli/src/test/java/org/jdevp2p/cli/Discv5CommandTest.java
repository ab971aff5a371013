package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The toolbox against a local network of five of our nodes on 127.0.0.1. */
class Discv5CommandTest {
  /** Nodes in the local network: a bootnode and four that join through it. */
  private static final int NETWORK_SIZE = 5;

  /** How long the network may take to form on a loaded machine. */
  private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);

  private static final List<Discovery> network = new ArrayList<>();
  private static final PrivateKey bootKey = PrivateKey.random();
  private static Discovery boot;

  @TempDir Path dir;
  private final StringBuilder out = new StringBuilder();
  private final StringBuilder err = new StringBuilder();

  @BeforeAll
  static void startNetwork() throws Exception {
    boot = Discovery.start(DiscoveryConfig.builder(bootKey).initialSeq(5).build());
    network.add(boot);
    for (int i = 1; i < NETWORK_SIZE; i++) {
      network.add(
          Discovery.start(
              DiscoveryConfig.builder(PrivateKey.random())
                  .bootnodes(List.of(boot.localRecord()))
                  .build()));
    }
    // The bootnode PINGs each node itself: a PONG puts the node in its table, whatever the
    // joiners' own first PINGs met on a loaded machine.
    Instant deadline = Instant.now().plus(FORM_TIMEOUT);
    for (Discovery d : network.subList(1, NETWORK_SIZE)) {
      while (boot.tableNodes().get().stream().noneMatch(r -> r.nodeId().equals(d.localId()))
          && Instant.now().isBefore(deadline)) {
        boot.ping(d.localRecord()).exceptionally(e -> null).get();
      }
    }
    assertThat(boot.tableNodes().get()).hasSize(NETWORK_SIZE - 1);
  }

  @AfterAll
  static void stopNetwork() {
    network.forEach(Discovery::close);
  }

  private int run(String... args) {
    Run run = Run.of(args);
    out.append(run.out());
    err.append(run.err());
    return run.exitCode();
  }

  /** {@code discv5 crawl} on 127.0.0.1 into {@code out}, for {@code timeout}, with {@code more}. */
  private int crawl(Path out, String timeout, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "discv5",
                "crawl",
                "--addr",
                "127.0.0.1:0",
                "--out",
                out.toString(),
                "--timeout",
                timeout));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private static String bootEnr() {
    return boot.localRecord().toText();
  }

  @Test
  void pingPrintsTheEnrSeqAndTheAddressThePeerSawUsAt() {
    int exit = run("discv5", "ping", "--addr", "127.0.0.1:0", "--request-timeout", "3s", bootEnr());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("pong from " + boot.localId());
    assertThat(out.toString()).contains("enr-seq:   5").contains("saw us at: 127.0.0.1 port ");
    assertThat(out.toString()).containsPattern("rtt: +[0-9.]+ ms");
  }

  @Test
  void pingOfASilentNodeFailsWithOneLine() throws Exception {
    NodeRecord silent =
        NodeRecord.builder().ip(InetAddress.getLoopbackAddress()).udp(9).sign(PrivateKey.random());

    int exit =
        run(
            "discv5",
            "ping",
            "--addr",
            "127.0.0.1:0",
            "--request-timeout",
            "3s",
            "--timeout",
            "5s",
            silent.toText());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().strip()).startsWith("devp2p discv5 ping: ping ").doesNotContain("\n");
  }

  @Test
  void resolveFetchesTheNodesNewerRecord() {
    NodeRecord stale = boot.localRecord().toBuilder().seq(1).sign(bootKey);

    int exit =
        run(
            "discv5",
            "resolve",
            "--addr",
            "127.0.0.1:0",
            "--request-timeout",
            "3s",
            stale.toText());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains(bootEnr()).contains("seq 5 (newer than given 1)");
  }

  @Test
  void crawlWritesEveryNodeOfTheNetworkInGethsFormat() throws Exception {
    Path file = dir.resolve("nodes.json");

    int exit = crawl(file, "4s", "--bootnodes", bootEnr());

    assertThat(exit).as(err.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    for (Discovery d : network) {
      JsonNode n = json.get(d.localId().toString());
      assertThat(n).as("node %s", d.localId()).isNotNull();
      assertThat(n.get("record").asText()).isEqualTo(d.localRecord().toText());
      assertThat(n.get("seq").asLong()).isEqualTo(d.localRecord().seq());
      assertThat(n.get("score").asInt()).isEqualTo(1);
      assertThat(n.get("firstResponse").asText()).isEqualTo(n.get("lastResponse").asText());
    }
    // Other tests' tool nodes may sit in the bootnode's table too: at least the network is found.
    assertThat(out.toString()).containsPattern("crawl: " + json.size() + " nodes in " + file);
    assertThat(err.toString()).contains("seen ");
  }

  /**
   * The timeout runs once the nodes the crawl starts from have been rechecked, as in geth's
   * crawler: even the shortest leaves the bootnode checked and written, however slow the machine.
   */
  @Test
  void crawlRechecksTheNodesItStartsFromBeforeItsTimeoutRuns() throws Exception {
    Path file = dir.resolve("nodes.json");

    int exit = crawl(file, "1ms", "--request-timeout", "3s", "--bootnodes", bootEnr());

    assertThat(exit).as(err.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.get(boot.localId().toString())).as("the bootnode's entry").isNotNull();
  }

  @Test
  void crawlMergesIntoAnExistingFileKeepingFirstResponses() throws Exception {
    Path file = dir.resolve("nodes.json");
    NodeRecord dead =
        NodeRecord.builder().ip(InetAddress.getLoopbackAddress()).udp(9).sign(PrivateKey.random());
    Files.writeString(
        file,
        """
        {
          "%s": {"seq": 5, "record": "%s", "score": 3,
                 "firstResponse": "2020-01-01T00:00:00Z", "lastResponse": "2020-01-02T00:00:00Z"},
          "%s": {"seq": 0, "record": "%s", "score": 4,
                 "firstResponse": "2020-01-01T00:00:00Z", "lastResponse": "2020-01-02T00:00:00Z"}
        }
        """
            .formatted(boot.localId(), bootEnr(), dead.nodeId(), dead.toText()));

    // both nodes of the file are rechecked before the timeout runs: the silent one's two requests
    // take 4 s, as long as the whole crawl took before
    int exit = crawl(file, "1ms", "--request-timeout", "2s");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    JsonNode live = json.get(boot.localId().toString());
    assertThat(live.get("score").asInt()).isEqualTo(4);
    assertThat(live.get("firstResponse").asText()).isEqualTo("2020-01-01T00:00:00Z");
    JsonNode silent = json.get(dead.nodeId().toString());
    assertThat(silent.get("score").asInt()).as("halved by silence").isEqualTo(2);
    assertThat(silent.get("lastResponse").asText()).isEqualTo("2020-01-02T00:00:00Z");
    assertThat(silent.has("lastCheck")).isTrue();
  }

  @Test
  void listenPrintsTheNodesEnteringItsTable() throws Exception {
    try (RunningCommand listen =
        RunningCommand.start(
            "discv5", "listen", "--addr", "127.0.0.1:0", "--bootnodes", bootEnr())) {
      // The join's refresh through the bootnode (a self lookup and three random ones) names the
      // other nodes, each of seq 1 (the bootnode's is 5): well under a second on an idle machine.
      String added = listen.awaitLine(" seq 1 ", FORM_TIMEOUT);

      assertThat(listen.stop(FORM_TIMEOUT)).as(listen.err()).isZero();
      assertThat(listen.out()).startsWith("listening as enr:").contains("table: ");
      assertThat(network.subList(1, NETWORK_SIZE))
          .anySatisfy(d -> assertThat(added).contains(" added   " + d.localId() + " seq 1 "));
    }
  }

  /**
   * A registrar of its own: all our test nodes share 127.0.0.1, and a registrar makes a second ad
   * from an IP it already holds one from wait about the ad lifetime (the IP-similarity term of the
   * waiting time, topics.md §4), so this ad must not land on the shared network's registrars.
   */
  @Test
  void topicRegisterPrintsTheRegistrarsThatAdmitOurAd() throws Exception {
    // no --timeout: it runs until the registrar has admitted the ad, however long that takes
    try (Discovery registrar =
            Discovery.start(DiscoveryConfig.builder(PrivateKey.random()).build());
        RunningCommand register =
            RunningCommand.start(
                "discv5",
                "topic",
                "register",
                "--addr",
                "127.0.0.1:0",
                "--nat",
                "extip:127.0.0.1",
                "--request-timeout",
                "3s",
                "--bootnodes",
                registrar.localRecord().toText(),
                "svc/register")) {
      register.awaitLine(" admitted by " + registrar.localId(), FORM_TIMEOUT);

      int exit = register.stop(FORM_TIMEOUT);

      assertThat(exit).as(register.err()).isZero();
      assertThat(register.out())
          .startsWith("advertising svc/register as enr:")
          .contains("svc/register: 1 registrars hold our ad");
    }
  }

  @Test
  void topicSearchPrintsTheRecordOfEachAdvertiser() throws Exception {
    try (Discovery advertiser =
        Discovery.start(
            DiscoveryConfig.builder(PrivateKey.random())
                .enrIp4((Inet4Address) InetAddress.getByName("127.0.0.1"))
                .pinEndpoint4(true)
                .bootnodes(List.of(boot.localRecord()))
                .build())) {
      advertiser.registerTopic("svc/search").get();
      Instant deadline = Instant.now().plus(FORM_TIMEOUT);
      while (advertiser.metrics().activeRegistrations().getOrDefault("svc/search", 0) == 0) {
        assertThat(Instant.now()).as("registered in time").isBefore(deadline);
        Thread.sleep(50);
      }

      int exit =
          run(
              "discv5",
              "topic",
              "search",
              "--addr",
              "127.0.0.1:0",
              "--request-timeout",
              "3s",
              "--bootnodes",
              bootEnr(),
              "--count",
              "1",
              "svc/search");

      assertThat(exit).as(err.toString()).isZero();
      assertThat(out.toString())
          .contains(advertiser.localRecord().toText())
          .contains("found 1 advertisers of svc/search");
    }
  }
}
