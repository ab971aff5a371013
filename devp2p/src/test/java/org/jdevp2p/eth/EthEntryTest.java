package org.jdevp2p.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.Test;

class EthEntryTest {
  /** Mainnet after BPO2: fork hash 07c9462e, no next fork (eth68.md §4.1). */
  private static final ForkId MAINNET_BPO2 = new ForkId(Bytes.fromHexString("07c9462e"), 0);

  @Test
  void encodesTheForkIdInsideAList() {
    assertThat(new EthEntry(MAINNET_BPO2).encode())
        .isEqualTo(Bytes.fromHexString("c7c68407c9462e80"));
  }

  @Test
  void decodesItsOwnEncoding() {
    EthEntry entry = new EthEntry(ChainConfig.SEPOLIA.forkId(1_735_371, 0));
    assertThat(EthEntry.decode(entry.encode())).isEqualTo(entry);
  }

  @Test
  void travelsInASignedNodeRecordUnderTheEthKey() {
    EthEntry entry = new EthEntry(ChainConfig.MAINNET.forkId(0, 0));
    PrivateKey key =
        PrivateKey.fromHex("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291");
    NodeRecord sent = NodeRecord.builder().set(EthEntry.KEY, entry.encode()).sign(key);

    NodeRecord received = NodeRecord.decode(sent.encoded());

    assertThat(received.get(EthEntry.KEY).map(EthEntry::decode)).contains(entry);
  }

  @Test
  void ignoresElementsAfterTheForkId() {
    assertThat(EthEntry.decode(Bytes.fromHexString("cbc68407c9462e8001c20203")))
        .isEqualTo(new EthEntry(MAINNET_BPO2));
  }

  @Test
  void rejectsAnEmptyList() {
    assertRejected("c0", "eth entry holds no fork id");
  }

  @Test
  void rejectsABareForkIdWithoutTheOuterList() {
    assertRejected("c68407c9462e80", "fork id: expected a list, found a string");
  }

  @Test
  void rejectsAValueThatIsNotAList() {
    assertRejected("8407c9462e", "eth entry: expected a list, found a string");
  }

  @Test
  void rejectsAForkIdWithAThirdElement() {
    assertRejected("c8c78407c9462e8080", "fork id must have 2 elements [hash, next], got 3");
  }

  @Test
  void rejectsANonCanonicalExtraElement() {
    assertRejected("c9c68407c9462e808105", "eth entry: ");
  }

  @Test
  void rejectsTrailingBytesAfterTheList() {
    assertRejected("c7c68407c9462e8000", "eth entry: 1 trailing bytes");
  }

  @Test
  void rejectsEmptyInput() {
    assertRejected("", "eth entry: empty input");
  }

  private static void assertRejected(String hex, String message) {
    assertThatThrownBy(() -> EthEntry.decode(Bytes.fromHexString(hex)))
        .isInstanceOf(InvalidForkIdException.class)
        .hasMessageStartingWith(message);
  }
}
