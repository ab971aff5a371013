package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.node.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bootnode's command line: options, their sources, and the flags that exit at once. */
class BootnodeCommandTest {
  @TempDir Path dir;

  private static BootnodeCommand parse(Defaults defaults, String... args) {
    BootnodeCommand command = new BootnodeCommand();
    CommandLine cli = new CommandLine(command);
    cli.setDefaultValueProvider(defaults);
    cli.parseArgs(args);
    return command;
  }

  private static Defaults none() {
    return new Defaults(Map.of(), new Properties());
  }

  @Test
  void withNoFlagsListensOnPort30303OnBothFamiliesWithTheHomeDataDirectory() {
    BootnodeCommand c = parse(none());

    assertThat(c.options.addrs).containsExactly("0.0.0.0:30303", "[::]:30303");
    assertThat(c.options.datadir).isEqualTo(Path.of(System.getProperty("user.home"), ".jdevp2p"));
    assertThat(c.options.metricsAddr).as("metrics are opt-in").isNull();
  }

  @Test
  void environmentVariableSetsAnOption() {
    BootnodeCommand c =
        parse(new Defaults(Map.of("DEVP2P_METRICS_ADDR", "127.0.0.1:9545"), new Properties()));

    assertThat(c.options.metricsAddr).isEqualTo("127.0.0.1:9545");
  }

  @Test
  void configFileSetsAnOptionByCommandAndName() {
    Properties file = new Properties();
    file.setProperty("bootnode.verbosity", "5");
    file.setProperty("log-format", "json");

    BootnodeCommand c = parse(new Defaults(Map.of(), file));

    assertThat(c.options.verbosity).isEqualTo(5);
    assertThat(c.options.logFormat).isEqualTo("json");
  }

  @Test
  void commandLineWinsOverEnvironmentWhichWinsOverTheFile() {
    Properties file = new Properties();
    file.setProperty("nat", "extip:192.0.2.1");
    file.setProperty("verbosity", "1");
    Defaults d =
        new Defaults(Map.of("DEVP2P_NAT", "extip:192.0.2.2", "DEVP2P_VERBOSITY", "2"), file);

    BootnodeCommand c = parse(d, "--verbosity", "4");

    assertThat(c.options.verbosity).isEqualTo(4);
    assertThat(c.options.nat).isEqualTo("extip:192.0.2.2");
  }

  @Test
  void servesTopicDiscoveryByDefault() {
    assertThat(parse(none()).options.noTopics).isFalse();
  }

  @Test
  void noTopicsTurnsTopicDiscoveryOff() {
    assertThat(parse(none(), "--no-topics").options.noTopics).isTrue();
  }

  @Test
  void helpListsTheDefaults() {
    Run run = Run.of("bootnode", "--help");

    assertThat(run.out()).contains("Default: 0.0.0.0:30303,[::]:30303", "Default: 3", "DEVP2P_");
  }

  @Test
  void genkeyWritesAKeyReadableByTheOwnerOnlyAndExits() throws Exception {
    Path key = dir.resolve("boot.key");

    Run run = Run.of("bootnode", "--genkey", key.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(KeyFiles.read(key)).isNotNull();
  }

  @Test
  void writeaddressPrintsTheNodeIdOfTheKey() throws Exception {
    PrivateKey key = PrivateKey.random();
    Path file = dir.resolve("boot.key");
    KeyFiles.write(file, key, false);

    Run run = Run.of("bootnode", "--nodekey", file.toString(), "--writeaddress");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("node id:    " + NodeId.of(key.publicKey()));
    assertThat(run.out()).contains("public key: " + key.publicKey());
  }

  @Test
  void jsonLogLinesCarryTimeLevelLoggerAndMessage() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream json =
        new PrintStream(new Logging.JsonLines(bytes), true, StandardCharsets.UTF_8)) {
      json.println("2026-11-28T08:42:10.622Z INFO Bootnode - stopping: saving 3 table nodes");
    }

    JsonNode line = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
    assertThat(line.get("time").asText()).isEqualTo("2026-11-28T08:42:10.622Z");
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("logger").asText()).isEqualTo("Bootnode");
    assertThat(line.get("msg").asText()).isEqualTo("stopping: saving 3 table nodes");
  }

  @Test
  void secondFamilyAddressOfTheSameFamilyIsRefused() {
    Run run = Run.of("bootnode", "--datadir", dir.toString(), "--addr", "127.0.0.1:0,127.0.0.2:0");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("more than one IPv4 address");
  }

  @Test
  void aNetrestrictThatIsNotACidrFailsInOneLineNamingIt() {
    Run run =
        Run.of("bootnode", "--datadir", dir.toString(), "--netrestrict", "10.0.0.0/8,10.0.0.1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("--netrestrict").contains("10.0.0.1");
  }

  @Test
  void aMissingConfigFileNamedByTheEnvironmentFailsInOneLineWithExitCode1() {
    Path missing = dir.resolve("missing.properties");
    StringWriter err = new StringWriter();

    int code =
        Devp2pCommand.execute(
            new String[] {"bootnode", "--writeaddress"},
            Map.of(Defaults.CONFIG_ENV, missing.toString()),
            new PrintWriter(err, true));

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines()).containsExactly("devp2p: no config file " + missing);
  }

  @Test
  void natExtipPinsTheRecordsAddressOfItsFamilyOnly() {
    DiscoveryConfig config =
        Endpoints.listen(
                DiscoveryConfig.builder(PrivateKey.random()),
                List.of("127.0.0.1:0", "[::1]:0"),
                "extip:192.0.2.1")
            .build();

    assertThat(config.pinEndpoint4()).isTrue();
    assertThat(config.pinEndpoint6()).isFalse();
  }
}
