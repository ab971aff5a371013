package org.jdevp2p.rlpx.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPWriter;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.eth.ForkId;
import org.jdevp2p.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * eth message codecs against geth's TestMessages encodings and every byte example of eth69plus.md
 * (vectors/eth-messages.json), then malformed variants of each shape.
 */
class EthCodecTest {
  private static final Bytes32 DEADC0DE = Bytes32.fromHexStringLenient("deadc0de");
  private static final Bytes32 FEEDBEEF = Bytes32.fromHexStringLenient("feedbeef");
  private static final long RID = 1111;

  static Stream<Arguments> vectors() {
    JsonNode vectors = Vectors.load("eth-messages.json").get("vectors");
    return StreamSupport.stream(vectors.spliterator(), false)
        .map(
            v ->
                Arguments.of(
                    v.get("name").asText(),
                    EthVersion.of(v.get("version").asInt()),
                    v.get("code").asInt(),
                    Vectors.hex(v, "hex")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void decodesAndReencodesEveryVectorByteForByte(
      String name, EthVersion version, int code, Bytes encoded) {
    EthMessage message = EthCodec.decode(version, code, encoded);

    assertThat(message.code()).isEqualTo(code);
    assertThat(EthCodec.encode(version, message)).isEqualTo(encoded);
  }

  private static EthMessage vector(String name) {
    return vectors()
        .filter(a -> a.get()[0].equals(name))
        .map(a -> EthCodec.decode((EthVersion) a.get()[1], (int) a.get()[2], (Bytes) a.get()[3]))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void status72CarriesGenesisForkIdAndGenesisAsHead() {
    Status69 status = (Status69) vector("Status eth/72 mainnet genesis fork id");

    assertThat(status.version()).isEqualTo(72);
    assertThat(status.networkId()).isEqualTo(1);
    assertThat(status.genesis()).isEqualTo(ChainConfig.MAINNET.genesisHash());
    assertThat(status.forkId()).isEqualTo(new ForkId(Bytes.fromHexString("fc64ec04"), 1_150_000));
    assertThat(status.blockRange())
        .isEqualTo(new BlockRange(0, 0, ChainConfig.MAINNET.genesisHash()));
  }

  @Test
  void getBlockHeadersByNumberReadsQuery() {
    assertThat(vector("GetBlockHeaders by number"))
        .isEqualTo(new GetBlockHeaders(RID, new GetBlockHeaders.ByNumber(9999), 5, 5, false));
  }

  @Test
  void getBlockHeadersByHashReadsQuery() {
    assertThat(vector("GetBlockHeaders by hash"))
        .isEqualTo(new GetBlockHeaders(RID, new GetBlockHeaders.ByHash(DEADC0DE), 5, 5, false));
  }

  @Test
  void blockAccessListsMarkUnavailableEntriesWithTheEmptyString() {
    assertThat(vector("BlockAccessLists empty and unavailable"))
        .isEqualTo(
            new BlockAccessLists(
                RID, List.of(Optional.of(Bytes.fromHexString("c0")), Optional.empty())));
  }

  @Test
  void cellMaskBitsAreLeastSignificantFirst() {
    GetCells request = (GetCells) vector("GetCells flat, mask {0,9,127}");

    assertThat(request.cells()).isEqualTo(CellMask.of(0, 9, 127));
    assertThat(request.cells().contains(9)).isTrue();
    assertThat(request.cells().contains(8)).isFalse();
  }

  @Test
  void receipts69KeepEachReceiptAsItsFlatList() {
    Receipts receipts = (Receipts) vector("Receipts eth/69 two receipts");

    assertThat(receipts.requestId()).isEqualTo(RID);
    assertThat(receipts.receipts()).hasSize(1);
    assertThat(receipts.receipts().getFirst()).hasSize(2);
  }

  @Test
  void getReceipts70PutsTheIndexBeforeTheHashes() {
    assertThat(vector("GetReceipts eth/70 from index 300"))
        .isEqualTo(new GetReceipts70(RID, 300, List.of(DEADC0DE)));
  }

  @Test
  void announcementOnEth72ReadsTypesAsOneByteString() {
    assertThat(vector("NewPooledTransactionHashes eth/72 one type-2 tx"))
        .isEqualTo(
            new NewPooledTransactionHashes72(
                Bytes.of(2), List.of(116L), List.of(DEADC0DE), CellMask.NONE));
  }

  @Test
  void blockRangeUpdateReadsRange() {
    assertThat(vector("BlockRangeUpdate"))
        .isEqualTo(new BlockRangeUpdate(new BlockRange(15_537_393, 23_000_000, DEADC0DE)));
  }

  @Test
  void status68RoundTripsWithTotalDifficulty() {
    Status68 status =
        new Status68(
            68,
            1,
            BigInteger.TWO.pow(100),
            DEADC0DE,
            ChainConfig.MAINNET.genesisHash(),
            ChainConfig.MAINNET.forkId(0, 0));

    assertThat(EthCodec.decode(EthVersion.ETH68, 0, status.encode())).isEqualTo(status);
  }

  @Test
  void requestIdsAreUnsigned64Bit() {
    GetBlockBodies request = new GetBlockBodies(-1L, List.of(DEADC0DE));
    Bytes encoded = request.encode();

    assertThat(encoded.slice(1, 9)).isEqualTo(Bytes.fromHexString("88ffffffffffffffff"));
    assertThat(EthCodec.decode(EthVersion.ETH69, GetBlockBodies.CODE, encoded)).isEqualTo(request);
  }

  @Test
  void every68MessageRoundTrips() {
    List<EthMessage> messages =
        List.of(
            new NewBlockHashes(List.of(new NewBlockHashes.Announcement(DEADC0DE, 7))),
            new Transactions(List.of(Bytes.fromHexString("c0"), Bytes.fromHexString("8302c0c0"))),
            new NewBlock(Bytes.fromHexString("c3c0c0c0"), BigInteger.valueOf(17)),
            new NewPooledTransactionHashes(
                Bytes.of(0, 2), List.of(100L, 0xffff_ffffL), List.of(DEADC0DE, FEEDBEEF)),
            new Receipts(
                RID, List.of(List.of(Bytes.fromHexString("c0"), Bytes.fromHexString("8302c0c0")))));

    for (EthMessage m : messages) {
      assertThat(EthCodec.decode(EthVersion.ETH68, m.code(), m.encode())).isEqualTo(m);
    }
  }

  @Test
  void every72OnlyMessageRoundTrips() {
    Bytes cell = Bytes.wrap(new byte[Cells.CELL_SIZE]);
    Cells cells =
        new Cells(RID, List.of(DEADC0DE), List.of(List.of(cell, cell)), CellMask.of(1, 2));
    GetBlockAccessLists request = new GetBlockAccessLists(RID, List.of(DEADC0DE, FEEDBEEF));

    assertThat(EthCodec.decode(EthVersion.ETH72, Cells.CODE, cells.encode())).isEqualTo(cells);
    assertThat(EthCodec.decode(EthVersion.ETH72, request.code(), request.encode()))
        .isEqualTo(request);
  }

  // --- malformed input --------------------------------------------------------------------

  private static String rlp(Consumer<RLPWriter> body) {
    return RLP.encodeList(body).toHexString();
  }

  private static void rejects(EthVersion version, int code, String hex, String reason) {
    assertThatThrownBy(() -> EthCodec.decode(version, code, Bytes.fromHexString(hex)))
        .isInstanceOf(InvalidEthMessageException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void rejectsStatusWithAnEighthElement() {
    Bytes status = vector("Status eth/72 mainnet current fork id").encode();
    Bytes longer = Bytes.concatenate(Bytes.fromHexString("f84e"), status.slice(2), Bytes.of(0x80));

    rejects(EthVersion.ETH72, 0, longer.toHexString(), "must have 7 elements, got 8");
  }

  @Test
  void rejectsTheEth69StatusShapeOnAnEth68Link() {
    Bytes status = vector("Status eth/69 mainnet genesis fork id").encode();

    rejects(EthVersion.ETH68, 0, status.toHexString(), "must have 6 elements, got 7");
  }

  @Test
  void rejectsAForkHashThatIsNotFourBytes() {
    Bytes32 genesis = ChainConfig.MAINNET.genesisHash();
    String status =
        rlp(
            w -> {
              w.writeInt(69);
              w.writeInt(1);
              w.writeValue(genesis);
              w.writeList(
                  f -> {
                    f.writeValue(Bytes.fromHexString("07c946"));
                    f.writeInt(0);
                  });
              w.writeInt(0);
              w.writeInt(0);
              w.writeValue(genesis);
            });

    rejects(EthVersion.ETH69, 0, status, "fork hash must be 4 bytes");
  }

  @Test
  void rejectsAVersionBeyond32Bits() {
    rejects(EthVersion.ETH69, 0, vectorWithVersion("850100000045"), "version exceeds 32 bits");
  }

  private static String vectorWithVersion(String version) {
    String mg = ChainConfig.MAINNET.genesisHash().toUnprefixedHexString();
    Bytes body = Bytes.fromHexString(version + "01a0" + mg + "c68407c9462e808080a0" + mg);
    return Bytes.concatenate(Bytes.of(0xf8, body.size()), body).toHexString();
  }

  @Test
  void rejectsANonCanonicalRequestId() {
    rejects(EthVersion.ETH69, 4, "c58300045 7c0".replace(" ", ""), "leading zero");
  }

  @Test
  void rejectsBytesAfterThePayload() {
    rejects(EthVersion.ETH69, 4, "c4820457c000", "trailing bytes");
  }

  @Test
  void rejectsAHashOf31Bytes() {
    rejects(EthVersion.ETH69, 5, "e4820457e09f" + "00".repeat(31), "must be 32 bytes, got 31");
  }

  @Test
  void rejectsAMessageOverTenMebibytesBeforeDecoding() {
    Bytes huge = Bytes.wrap(new byte[EthCodec.MAX_MESSAGE_SIZE + 1]);

    assertThatThrownBy(() -> EthCodec.decode(EthVersion.ETH69, 2, huge))
        .isInstanceOf(InvalidEthMessageException.class)
        .hasMessageContaining("exceeds " + EthCodec.MAX_MESSAGE_SIZE);
  }

  @Test
  void rejectsBlockAnnouncementsAfterEth68() {
    Bytes hashes = new NewBlockHashes(List.of()).encode();

    rejects(EthVersion.ETH69, NewBlockHashes.CODE, hashes.toHexString(), "not an eth/69 message");
    rejects(EthVersion.ETH72, NewBlock.CODE, "c4c3c0c0c080", "not an eth/72 message");
  }

  @Test
  void rejectsCodesOutsideTheVersion() {
    rejects(EthVersion.ETH68, BlockRangeUpdate.CODE, "c0", "not an eth/68 message");
    rejects(EthVersion.ETH70, GetBlockAccessLists.CODE, "c0", "not an eth/70 message");
    rejects(EthVersion.ETH71, Cells.CODE, "c0", "not an eth/71 message");
    rejects(EthVersion.ETH72, 0x0d, "c0", "not an eth/72 message");
  }

  @Test
  void rejectsAnnouncementTypesGivenAsAList() {
    rejects(
        EthVersion.ETH69,
        8,
        "e6c102c174e1a0" + DEADC0DE.toUnprefixedHexString(),
        "types must be a string");
  }

  @Test
  void rejectsAnnouncementsWithUnequalLengths() {
    rejects(
        EthVersion.ETH69,
        8,
        "e702c3740505e1a0" + DEADC0DE.toUnprefixedHexString(),
        "1 types, 3 sizes, 1 hashes");
  }

  @Test
  void acceptsRethsEmptyMaskButNotAShortOne() {
    String announcement = "02c174e1a0" + DEADC0DE.toUnprefixedHexString();
    NewPooledTransactionHashes72 reth =
        (NewPooledTransactionHashes72)
            EthCodec.decode(EthVersion.ETH72, 8, Bytes.fromHexString("e6" + announcement + "80"));

    assertThat(reth.cells()).isEqualTo(CellMask.NONE);
    rejects(EthVersion.ETH72, 8, "f5" + announcement + "8f" + "00".repeat(15), "must be 16 bytes");
  }

  @Test
  void alwaysSendsTheSixteenByteMask() {
    Bytes encoded =
        new NewPooledTransactionHashes72(Bytes.EMPTY, List.of(), List.of(), CellMask.NONE).encode();

    assertThat(encoded).isEqualTo(Bytes.fromHexString("d480c0c090" + "00".repeat(16)));
  }

  @Test
  void rejectsTheEth69GetReceiptsShapeOnAnEth70Link() {
    Bytes eth69 = new GetReceipts(RID, List.of(DEADC0DE)).encode();

    rejects(EthVersion.ETH70, GetReceipts.CODE, eth69.toHexString(), "must have 3 elements");
  }

  @Test
  void refusesToEncodeAMessageOfAnotherVersion() {
    assertThatThrownBy(
            () -> EthCodec.encode(EthVersion.ETH70, new GetReceipts(RID, List.of(DEADC0DE))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GetReceipts is not an eth/70 message");
  }

  @Test
  void rejectsAnIncompleteFlagOnAnEmptyReceiptsAnswer() {
    rejects(EthVersion.ETH70, Receipts.CODE, "c582045701c0", "cannot be incomplete");
  }

  @Test
  void rejectsAnEth69ReceiptWithATwoByteStatus() {
    String receipts =
        rlp(
            w -> {
              w.writeLong(RID);
              w.writeList(
                  lists ->
                      lists.writeList(
                          list ->
                              list.writeList(
                                  r -> {
                                    r.writeInt(2);
                                    r.writeValue(Bytes.of(1, 1));
                                    r.writeInt(21_000);
                                    r.writeList(logs -> {});
                                  })));
            });

    rejects(EthVersion.ETH69, Receipts.CODE, receipts, "0, 1 or 32 bytes");
  }

  @Test
  void rejectsABloomedReceiptOnAnEth69Link() {
    rejects(EthVersion.ETH69, Receipts.CODE, "c9820457c5c48302c0c0", "receipt must be a list");
  }

  @Test
  void rejectsATypedTransactionWithATypeAbove0x7f() {
    String txs = rlp(w -> w.writeValue(Bytes.fromHexString("80c0c0")));

    rejects(EthVersion.ETH69, Transactions.CODE, txs, "is not 0x00–0x7f");
  }

  @Test
  void rejectsAnAccessListEntryThatIsANonEmptyString() {
    String lists =
        rlp(
            w -> {
              w.writeLong(RID);
              w.writeList(l -> l.writeValue(Bytes.of(1)));
            });

    rejects(EthVersion.ETH71, BlockAccessLists.CODE, lists, "block access list (or 0x80)");
  }

  @Test
  void rejectsACellThatIsNot2048Bytes() {
    String cells =
        rlp(
            w -> {
              w.writeLong(RID);
              w.writeList(h -> h.writeValue(DEADC0DE));
              w.writeList(groups -> groups.writeList(g -> g.writeValue(Bytes.of(1))));
              w.writeValue(CellMask.NONE.bits());
            });

    rejects(EthVersion.ETH72, Cells.CODE, cells, "cell must be 2048 bytes, got 1");
  }

  @Test
  void rejectsCellsWithMoreHashesThanGroups() {
    rejects(
        EthVersion.ETH72,
        Cells.CODE,
        "f7820457e1a0" + DEADC0DE.toUnprefixedHexString() + "c090" + "00".repeat(16),
        "1 transaction hashes but 0 cell groups");
  }

  @Test
  void readsTheNestedGetCellsLayoutOfGethV1175AndReth() {
    GetCells flat = (GetCells) vector("GetCells flat, mask {0,9,127}");
    GetCells nested = (GetCells) vector("GetCells nested (geth v1.17.5, reth), mask {0,9,127}");

    assertThat(nested.layout()).isEqualTo(CellsLayout.NESTED);
    assertThat(nested)
        .isEqualTo(new GetCells(RID, flat.hashes(), flat.cells(), CellsLayout.NESTED));
  }

  @Test
  void rejectsANestedGetCellsWithAMissingField() {
    String nested =
        rlp(
            w -> {
              w.writeLong(RID);
              w.writeList(f -> f.writeList(h -> {}));
            });

    rejects(EthVersion.ETH72, GetCells.CODE, nested, "GetCells fields must have 2 elements, got 1");
  }

  @Test
  void roundTripsNestedCells() {
    Bytes cell = Bytes.wrap(new byte[Cells.CELL_SIZE]);
    Cells cells =
        new Cells(
            RID, List.of(DEADC0DE), List.of(List.of(cell)), CellMask.of(3), CellsLayout.NESTED);

    assertThat(EthCodec.decode(EthVersion.ETH72, Cells.CODE, cells.encode())).isEqualTo(cells);
  }

  @Test
  void rejectsAnOriginThatIsNeitherHashNorNumber() {
    String request =
        rlp(
            w -> {
              w.writeLong(RID);
              w.writeList(
                  q -> {
                    q.writeValue(Bytes.wrap(new byte[9]).not());
                    q.writeInt(5);
                    q.writeInt(5);
                    q.writeInt(0);
                  });
            });

    rejects(EthVersion.ETH69, GetBlockHeaders.CODE, request, "origin must be");
  }

  @Test
  void rejectsAReverseFlagOtherThanZeroOrOne() {
    rejects(
        EthVersion.ETH69, GetBlockHeaders.CODE, "ca820457c682270f050502", "reverse must be 0 or 1");
  }
}
