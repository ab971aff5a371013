package org.jdevp2p.rlpx.eth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.eth.ChainConfig;
import org.junit.jupiter.api.Test;

/** A node without a chain, as eth69plus.md §8 describes it; byte examples from §3 and §8.2. */
class ChainlessNodeTest {
  private static final ChainlessNode MAINNET = new ChainlessNode(GenesisBlock.MAINNET);
  private static final Bytes32 GENESIS = ChainConfig.MAINNET.genesisHash();
  private static final Bytes32 OTHER = Bytes32.fromHexStringLenient("deadc0de");
  private static final long RID = 1111;

  @Test
  void announcesGenesisAsHeadWithTheGenesisForkIdOnEth72() {
    String g = GENESIS.toUnprefixedHexString();

    assertThat(MAINNET.status(EthVersion.ETH72).encode())
        .isEqualTo(Bytes.fromHexString("f8504801a0" + g + "c984fc64ec0483118c308080a0" + g));
  }

  @Test
  void announcesSepoliaGenesisOnEth69() {
    String g = ChainConfig.SEPOLIA.genesisHash().toUnprefixedHexString();

    assertThat(new ChainlessNode(GenesisBlock.SEPOLIA).status(EthVersion.ETH69).encode())
        .isEqualTo(Bytes.fromHexString("f8534583aa36a7a0" + g + "c984fe3366e7831a7acb8080a0" + g));
  }

  @Test
  void announcesGenesisWithZeroDifficultyOnEth68() {
    Status68 status = (Status68) MAINNET.status(EthVersion.ETH68);

    assertThat(status.headHash()).isEqualTo(GENESIS);
    assertThat(status.totalDifficulty()).isZero();
    assertThat(status.forkId()).isEqualTo(ChainConfig.MAINNET.forkId(0, 0));
  }

  @Test
  void servesTheGenesisHeaderByHash() {
    var request = new GetBlockHeaders(RID, new GetBlockHeaders.ByHash(GENESIS), 3, 0, false);

    assertThat(MAINNET.answer(EthVersion.ETH72, request))
        .isEqualTo(new BlockHeaders(RID, List.of(GenesisBlock.MAINNET.header())));
  }

  @Test
  void servesTheGenesisHeaderByNumberZeroInReverse() {
    var request = new GetBlockHeaders(RID, new GetBlockHeaders.ByNumber(0), 5, 2, true);

    assertThat(MAINNET.answer(EthVersion.ETH69, request))
        .isEqualTo(new BlockHeaders(RID, List.of(GenesisBlock.MAINNET.header())));
  }

  @Test
  void answersAnyOtherHeaderRequestEmpty() {
    var request = new GetBlockHeaders(RID, new GetBlockHeaders.ByNumber(1), 1, 0, false);

    assertThat(MAINNET.answer(EthVersion.ETH69, request).encode())
        .isEqualTo(Bytes.fromHexString("c4820457c0"));
  }

  @Test
  void answersZeroHeadersForAmountZero() {
    var request = new GetBlockHeaders(RID, new GetBlockHeaders.ByNumber(0), 0, 0, false);

    assertThat(MAINNET.answer(EthVersion.ETH69, request))
        .isEqualTo(new BlockHeaders(RID, List.of()));
  }

  @Test
  void servesBodiesAsAPrefixEndingAtTheFirstUnknownBlock() {
    var request = new GetBlockBodies(RID, List.of(GENESIS, OTHER, GENESIS));

    assertThat(MAINNET.answer(EthVersion.ETH69, request).encode())
        .isEqualTo(Bytes.fromHexString("c7820457c3c2c0c0"));
  }

  @Test
  void answersBodiesEmptyWhenTheFirstBlockIsUnknown() {
    var request = new GetBlockBodies(RID, List.of(OTHER, GENESIS));

    assertThat(MAINNET.answer(EthVersion.ETH69, request))
        .isEqualTo(new BlockBodies(RID, List.of()));
  }

  @Test
  void servesGenesisReceiptsOnEth69() {
    assertThat(MAINNET.answer(EthVersion.ETH69, new GetReceipts(RID, List.of(GENESIS))).encode())
        .isEqualTo(Bytes.fromHexString("c5820457c1c0"));
  }

  @Test
  void servesGenesisReceiptsCompleteOnEth70() {
    var request = new GetReceipts70(RID, 0, List.of(GENESIS));

    assertThat(MAINNET.answer(EthVersion.ETH70, request).encode())
        .isEqualTo(Bytes.fromHexString("c682045780c1c0"));
  }

  @Test
  void neverFlagsAnEmptyReceiptsAnswerIncomplete() {
    var request = new GetReceipts70(RID, 5, List.of(OTHER));

    assertThat(MAINNET.answer(EthVersion.ETH70, request).encode())
        .isEqualTo(Bytes.fromHexString("c582045780c0"));
  }

  @Test
  void answersPooledTransactionsEmpty() {
    assertThat(MAINNET.answer(EthVersion.ETH72, new GetPooledTransactions(RID, List.of(OTHER))))
        .isEqualTo(new PooledTransactions(RID, List.of()));
  }

  @Test
  void marksEveryRequestedAccessListUnavailable() {
    var request = new GetBlockAccessLists(RID, List.of(GENESIS, OTHER));

    assertThat(MAINNET.answer(EthVersion.ETH71, request).encode())
        .isEqualTo(Bytes.fromHexString("c6820457c28080"));
  }

  @Test
  void capsAccessListPlaceholdersAtTheServeLimit() {
    var request =
        new GetBlockAccessLists(RID, Collections.nCopies(ChainlessNode.MAX_SERVE + 1, OTHER));

    assertThat(((BlockAccessLists) MAINNET.answer(EthVersion.ETH71, request)).accessLists())
        .hasSize(ChainlessNode.MAX_SERVE)
        .containsOnly(Optional.empty());
  }

  @Test
  void answersCellsEmptyWithTheSixteenByteMask() {
    var request = new GetCells(RID, List.of(OTHER), CellMask.of(0));

    assertThat(MAINNET.answer(EthVersion.ETH72, request).encode())
        .isEqualTo(Bytes.fromHexString("d6820457c0c090" + "00".repeat(16)));
  }

  @Test
  void answersNestedGetCellsInTheNestedLayout() {
    var request = new GetCells(RID, List.of(OTHER), CellMask.of(0), CellsLayout.NESTED);

    assertThat(MAINNET.answer(EthVersion.ETH72, request).encode())
        .isEqualTo(Bytes.fromHexString("d7820457d3c0c090" + "00".repeat(16)));
  }
}
