package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.eth.EthEntry;
import org.jdevp2p.eth.ForkId;
import org.jdevp2p.testing.Vectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ForkIdCommandTest {
  private static final JsonNode FORKID = Vectors.load("forkid.json");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Devp2pCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** geth's TestCreation, mainnet: head 12965000 (London) gives b715077d, next Arrow Glacier. */
  @Test
  void printsTheVectorsForkIdForMainnetAtTheVectorsHead() {
    JsonNode vector = creationVector("geth_mainnet", 12_965_000, 0);

    int exit = run("forkid", "--network", "mainnet", "--block", "12965000", "--time", "0");

    assertThat(exit).isZero();
    assertThat(line("fork hash: ")).isEqualTo("0x" + vector.get("fork_hash").asText());
    assertThat(line("fork next: ")).isEqualTo(vector.get("fork_next").asText());
  }

  @Test
  void printsTheEthEntryCarryingThePrintedForkId() {
    JsonNode vector = creationVector("geth_sepolia", 1_735_371, 0);

    run("forkid", "--network", "sepolia", "--block", "1735371", "--time", "0");

    String entry = line("eth entry: ");
    ForkId expected =
        new ForkId(
            Bytes.fromHexString(vector.get("fork_hash").asText()),
            vector.get("fork_next").asLong());
    assertThat(EthEntry.decode(Bytes.fromHexString(entry))).isEqualTo(new EthEntry(expected));
  }

  @Test
  void defaultHeadIsTheNewestScheduledFork() {
    JsonNode mainnet = FORKID.get("chains").get("mainnet");
    JsonNode lastStep =
        mainnet.get("cumulative_fork_hashes").get(mainnet.get("cumulative_fork_hashes").size() - 1);

    int exit = run("forkid", "--network", "mainnet");

    assertThat(exit).isZero();
    assertThat(line("head:      "))
        .isEqualTo(
            "block "
                + mainnet.get("block_forks").get(mainnet.get("block_forks").size() - 1)
                + ", time "
                + lastStep.get("activation"));
    assertThat(line("fork hash: ")).isEqualTo("0x" + lastStep.get("fork_hash").asText());
    assertThat(line("fork next: ")).isEqualTo("0");
  }

  @Test
  void jsonCarriesTheSameFields() throws Exception {
    JsonNode vector = creationVector("geth_mainnet", 20_000_000, 1_681_338_455);

    int exit =
        run(
            "forkid",
            "--network",
            "mainnet",
            "--block",
            "20000000",
            "--time",
            "1681338455",
            "--json");

    assertThat(exit).isZero();
    JsonNode printed = new ObjectMapper().readTree(out.toString());
    assertThat(printed.get("network").asText()).isEqualTo("mainnet");
    assertThat(printed.get("networkId").asLong()).isEqualTo(1);
    assertThat(printed.get("forkHash").asText()).isEqualTo("0x" + vector.get("fork_hash").asText());
    assertThat(printed.get("forkNext").asLong()).isEqualTo(vector.get("fork_next").asLong());
    ForkId printedId =
        new ForkId(
            Bytes.fromHexString(printed.get("forkHash").asText()),
            printed.get("forkNext").asLong());
    assertThat(EthEntry.decode(Bytes.fromHexString(printed.get("ethEntry").asText())))
        .isEqualTo(new EthEntry(printedId));
  }

  @Test
  void unknownNetworkIsAOneLineErrorWithExitCode1() {
    int exit = run("forkid", "--network", "holesky");

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines())
        .containsExactly("devp2p forkid: unknown network 'holesky' (known: mainnet, sepolia)");
  }

  @Test
  void negativeBlockIsACommandLineError() {
    int exit = run("forkid", "--network", "mainnet", "--block", "-1");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--block");
  }

  private JsonNode creationVector(String set, long head, long time) {
    for (JsonNode v : FORKID.get("creation").get(set)) {
      if (v.get("head").asLong() == head && v.path("time").asLong() == time) return v;
    }
    throw new IllegalStateException("no " + set + " vector at " + head + "/" + time);
  }

  /** The rest of the output line that starts with {@code label}. */
  private String line(String label) {
    return out.toString()
        .lines()
        .filter(l -> l.startsWith(label))
        .map(l -> l.substring(label.length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + label + "' in:\n" + out));
  }
}
