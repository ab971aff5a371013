package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.rlpx.eth.GenesisBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON chain file of {@code --network FILE} (docs/node.md), on chains/devnet.json. */
class ChainFileTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static Path devnetFile() {
    try {
      return Path.of(ChainFileTest.class.getResource("/chains/devnet.json").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode devnet() throws Exception {
    return (ObjectNode) JSON.readTree(Files.readString(devnetFile()));
  }

  private Path write(ObjectNode chain) throws Exception {
    Path file = dir.resolve("chain.json");
    Files.writeString(file, chain.toString());
    return file;
  }

  @Test
  void readsTheNetworkIdGenesisAndForkSchedule() {
    GenesisBlock g = ChainFile.read(devnetFile());

    ChainConfig chain = g.chain();
    assertThat(chain.name()).isEqualTo("devnet");
    assertThat(chain.networkId()).isEqualTo(1337);
    assertThat(chain.genesisHash()).isEqualTo(ChainConfig.MAINNET.genesisHash());
    assertThat(chain.blockForks()).containsExactly(1L);
    assertThat(chain.timeForks()).containsExactly(1_700_000_000L, 1_710_000_000L);
    assertThat(g.header()).isEqualTo(GenesisBlock.MAINNET.header());
  }

  @Test
  void aGenesisWithoutWithdrawalsRootHasTheTwoListBody() {
    assertThat(ChainFile.read(devnetFile()).body()).isEqualTo(Bytes.fromHexString("c2c0c0"));
  }

  @Test
  void aHeaderThatDoesNotHashToTheGenesisHashIsRefused() throws Exception {
    ObjectNode chain = devnet();
    chain.put("genesisHeader", GenesisBlock.SEPOLIA.header().toHexString());

    assertThatThrownBy(() -> ChainFile.read(write(chain)))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining("genesisHeader hashes to " + GenesisBlock.SEPOLIA.hash());
  }

  @Test
  void aForkWithBothABlockAndATimeIsRefused() throws Exception {
    ObjectNode chain = devnet();
    ((ObjectNode) ((ArrayNode) chain.get("forks")).get(1)).put("block", 5);

    assertThatThrownBy(() -> ChainFile.read(write(chain)))
        .hasMessageContaining("fork Shanghai: give exactly one of block and time");
  }

  @Test
  void aMisspelledFieldIsRefusedRatherThanIgnored() throws Exception {
    ObjectNode chain = devnet();
    chain.put("networkID", 5);

    assertThatThrownBy(() -> ChainFile.read(write(chain)))
        .hasMessageContaining("unknown field networkID");
  }

  @Test
  void aNetworkIdPast2To63IsReadAsUnsigned() throws Exception {
    ObjectNode chain = devnet();
    chain.put("networkId", "18446744073709551615");

    assertThat(ChainFile.read(write(chain)).chain().networkId()).isEqualTo(-1L);
  }

  @Test
  void builtInNetworksNeedNoFile() {
    assertThat(List.of(ChainFile.network("mainnet"), ChainFile.network("Sepolia")))
        .containsExactly(GenesisBlock.MAINNET, GenesisBlock.SEPOLIA);
  }

  @Test
  void aNetworkThatIsNeitherBuiltInNorAFileIsRefused() {
    assertThatThrownBy(() -> ChainFile.network("holesky"))
        .hasMessage("--network: holesky is not mainnet, sepolia or a chain file");
  }
}
