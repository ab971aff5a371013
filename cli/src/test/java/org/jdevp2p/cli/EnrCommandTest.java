package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrCommandTest {
  /** The bundled example, cli/examples/eip778.enr (tests run in the cli module directory). */
  private static final String EXAMPLE_FILE = "examples/eip778.enr";

  private static final String EIP778 =
      "enr:-IS4QHCYrYZbAKWCBRlAy5zzaDZXJBGkcnh4MHcBFZntXNFrdvJjX04jRzjzCBOonrkTfj499SZuOh8R33Ls8RRcy5wBgmlkgnY0gmlwhH8AAAGJc2VjcDI1NmsxoQPKY0yuDUmstAHYpMa2_oxVtw0RW_QAdpzBQA8yWM0xOIN1ZHCCdl8";

  /** A mainnet discv5 bootnode from geth's V5Bootnodes (vectors/bootnodes.json), with eth2. */
  private static final String BOOTNODE =
      "enr:-KG4QMOEswP62yzDjSwWS4YEjtTZ5PO6r65CPqYBkgTTkrpaedQ8uEUo1uMALtJIvb2w_WWEVmg5yt1UAuK1ftxUU7QDhGV0aDKQu6TalgMAAAD__________4JpZIJ2NIJpcIQEnfA2iXNlY3AyNTZrMaEDfol8oLr6XJ7FsdAYE7lpJhKMls4G_v6qQOGKJUWGb_uDdGNwgiMog3VkcIIjKA";

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void decodePrintsEveryFieldOfTheEip778Record() {
    Run run = Run.of("enr", "decode", EIP778);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("seq             1\n")
        .contains(
            "node id         a448f24c6d18e575453db13171562b71999873db5b286df957af199ec94617f7")
        .contains(
            "public key      ca634cae0d49acb401d8a4c6b6fe8c55b70d115bf400769cc1400f3258cd3138"
                + "7574077f301b421bc84df7266c44e9e6d569fc56be00812904767bf5ccd1fc7f")
        .contains("id              v4\n")
        .contains("ip              127.0.0.1\n")
        .contains("udp             30303\n")
        .contains("signature       7098ad865b00a582051940cb9cf36836572411a47278783077011599")
        .contains("signature valid true\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void decodeReadsTheBundledExampleFile() {
    Run fromFile = Run.of("enr", "decode", "@" + EXAMPLE_FILE);
    assertThat(fromFile.exitCode()).isZero();
    assertThat(fromFile.out()).isEqualTo(Run.of("enr", "decode", EIP778).out());
  }

  @Test
  void decodeShowsUnknownEntriesAsHex() {
    Run run = Run.of("enr", "decode", BOOTNODE);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("eth2            90bba4da9603000000ffffffffffffffff (RLP)");
  }

  @Test
  void decodeAsJsonHasTheSameFields() throws Exception {
    Run run = Run.of("enr", "decode", "--json", BOOTNODE);
    assertThat(run.exitCode()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("enr").asText()).isEqualTo(BOOTNODE);
    assertThat(json.get("seq").asLong()).isEqualTo(3);
    assertThat(json.get("nodeId").asText())
        .isEqualTo("a82dedc7b62e16a799b170b0b99d930606d46fd60157e49e48994c8a6a283f34");
    assertThat(json.get("id").asText()).isEqualTo("v4");
    assertThat(json.get("ip").asText()).isEqualTo("4.157.240.54");
    assertThat(json.get("udp").asInt()).isEqualTo(9000);
    assertThat(json.get("tcp").asInt()).isEqualTo(9000);
    assertThat(json.get("other").get("eth2").asText())
        .isEqualTo("90bba4da9603000000ffffffffffffffff");
    assertThat(json.get("signatureValid").asBoolean()).isTrue();
  }

  @Test
  void aMalformedRecordGivesOneLineNamingTheProblemAndExit1() {
    Run run = Run.of("enr", "decode", "enr:-IS4QHCYrYZbAKWCBRlAy5zzaDZXJBGkcnh4MHcBFZ");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("devp2p enr decode: invalid record: malformed RLP");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aRecordWhoseSignatureDoesNotVerifyGivesExit1() {
    // one character of the signature changed
    String tampered = EIP778.replace("enr:-IS4QHCY", "enr:-IS4QHCZ");
    Run run = Run.of("enr", "decode", tampered);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines())
        .containsExactly(
            "devp2p enr decode: invalid record: signature does not verify against the record's"
                + " key");
  }

  @Test
  void verboseAddsTheStackTrace() {
    Run run = Run.of("enr", "decode", "--verbose", "enr:AAAA");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("CommandFailedException").contains("\tat ");
  }

  @Test
  void aFileTooLargeForARecordIsRefusedUnread() throws Exception {
    Path big = dir.resolve("big.enr");
    Files.write(big, new byte[100_000]);
    Run run = Run.of("enr", "decode", "@" + big);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines())
        .containsExactly("devp2p enr decode: " + big + " is too large to hold one record");
  }

  @Test
  void aMissingFileGivesOneLineAndExit1() {
    Run run = Run.of("enr", "decode", "@" + dir.resolve("absent.enr"));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("no such file");
  }

  @Test
  void createThenDecodeRoundTrips() throws Exception {
    PrivateKey key = PrivateKey.random();
    Path keyFile = dir.resolve("node.key");
    KeyFiles.write(keyFile, key, false);
    Run create =
        Run.of(
            "enr",
            "create",
            "--key",
            keyFile.toString(),
            "--ip",
            "10.1.2.3",
            "--udp",
            "30301",
            "--tcp",
            "30302",
            "--ip6",
            "2001:db8::7",
            "--udp6",
            "30303",
            "--tcp6",
            "30304",
            "--seq",
            "9");
    assertThat(create.exitCode()).isZero();
    String text = create.out().strip();
    assertThat(NodeRecord.fromText(text).publicKey()).isEqualTo(key.publicKey());

    JsonNode json = JSON.readTree(Run.of("enr", "decode", "--json", text).out());
    assertThat(json.get("seq").asLong()).isEqualTo(9);
    assertThat(json.get("ip").asText()).isEqualTo("10.1.2.3");
    assertThat(json.get("udp").asInt()).isEqualTo(30301);
    assertThat(json.get("tcp").asInt()).isEqualTo(30302);
    assertThat(json.get("ip6").asText()).isEqualTo("2001:db8:0:0:0:0:0:7");
    assertThat(json.get("udp6").asInt()).isEqualTo(30303);
    assertThat(json.get("tcp6").asInt()).isEqualTo(30304);
  }

  @Test
  void createWithTheEip778KeyGivesTheEip778Record() throws Exception {
    Path keyFile = dir.resolve("eip778.key");
    Files.writeString(
        keyFile, "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291\n");
    Run run =
        Run.of("enr", "create", "--key", keyFile.toString(), "--ip", "127.0.0.1", "--udp", "30303");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip()).isEqualTo(EIP778);
  }

  @Test
  void createRefusesAnIpv6AddressForIp() throws Exception {
    Path keyFile = dir.resolve("node.key");
    KeyFiles.write(keyFile, PrivateKey.random(), false);
    Run run = Run.of("enr", "create", "--key", keyFile.toString(), "--ip", "::1");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines())
        .containsExactly("devp2p enr create: --ip needs an IPv4 address: ::1");
  }

  @Test
  void createRefusesAPortOutOfRange() throws Exception {
    Path keyFile = dir.resolve("node.key");
    KeyFiles.write(keyFile, PrivateKey.random(), false);
    Run run = Run.of("enr", "create", "--key", keyFile.toString(), "--udp", "65536");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines())
        .containsExactly("devp2p enr create: --udp: port out of range: 65536");
  }

  @Test
  void createWithoutAKeyIsAUsageError() {
    Run run = Run.of("enr", "create", "--ip", "127.0.0.1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--key");
  }
}
