package org.jdevp2p.rlpx.eth;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.eth.ForkFilter;
import org.jdevp2p.eth.ForkId;
import org.jdevp2p.rlpx.Disconnect;
import org.junit.jupiter.api.Test;

/** geth's Status rules, one per test, each with the Disconnect reason geth sends. */
class StatusValidatorTest {
  /** After BPO2 (1767747671): mainnet's fork id is 07c9462e / 0. */
  private static final InstantSource NOW =
      InstantSource.fixed(Instant.ofEpochSecond(1_780_000_000L));

  private static final StatusValidator VALIDATOR =
      new StatusValidator(ChainConfig.MAINNET, ForkFilter.synced(ChainConfig.MAINNET, NOW));
  private static final Bytes32 GENESIS = ChainConfig.MAINNET.genesisHash();
  private static final ForkId CURRENT = new ForkId(Bytes.fromHexString("07c9462e"), 0);
  private static final BlockRange RANGE =
      new BlockRange(0, 23_000_000, Bytes32.fromHexStringLenient("01"));

  private static Status69 status(
      int version, long network, Bytes32 genesis, ForkId fork, BlockRange range) {
    return new Status69(version, network, genesis, fork, range);
  }

  private static Optional<StatusError> check(EthVersion version, Status status) {
    return VALIDATOR.validate(version, status).map(StatusValidator.Rejection::error);
  }

  @Test
  void acceptsAPeerOnTheSameChainAndVersion() {
    assertThat(check(EthVersion.ETH72, status(72, 1, GENESIS, CURRENT, RANGE))).isEmpty();
  }

  @Test
  void acceptsAChainlessPeerAnnouncingTheGenesisForkId() {
    Status ours = new ChainlessNode(GenesisBlock.MAINNET).status(EthVersion.ETH69);

    assertThat(check(EthVersion.ETH69, ours)).isEmpty();
  }

  @Test
  void rejectsAnotherNetworkFirst() {
    Status wrongEverything = status(69, 5, Bytes32.ZERO, CURRENT, RANGE);

    assertThat(check(EthVersion.ETH72, wrongEverything)).contains(StatusError.NETWORK_ID_MISMATCH);
  }

  @Test
  void rejectsAVersionOtherThanTheNegotiatedOne() {
    assertThat(check(EthVersion.ETH72, status(69, 1, GENESIS, CURRENT, RANGE)))
        .contains(StatusError.PROTOCOL_VERSION_MISMATCH);
  }

  @Test
  void rejectsAnotherGenesis() {
    assertThat(check(EthVersion.ETH69, status(69, 1, Bytes32.ZERO, CURRENT, RANGE)))
        .contains(StatusError.GENESIS_MISMATCH);
  }

  @Test
  void rejectsAnIncompatibleForkId() {
    ForkId otherChain = new ForkId(Bytes.fromHexString("deadbeef"), 0);

    assertThat(VALIDATOR.validate(EthVersion.ETH69, status(69, 1, GENESIS, otherChain, RANGE)))
        .hasValueSatisfying(
            r -> {
              assertThat(r.error()).isEqualTo(StatusError.FORK_ID_REJECTED);
              assertThat(r.detail()).endsWith("LOCAL_INCOMPATIBLE");
            });
  }

  @Test
  void rejectsAStaleForkId() {
    // The Cancun fork hash (9f3d2254) with next 0: a node that never learnt of Prague.
    ForkId stale = new ForkId(Bytes.fromHexString("9f3d2254"), 0);

    assertThat(VALIDATOR.validate(EthVersion.ETH69, status(69, 1, GENESIS, stale, RANGE)))
        .hasValueSatisfying(
            r -> {
              assertThat(r.error()).isEqualTo(StatusError.FORK_ID_REJECTED);
              assertThat(r.detail()).endsWith("REMOTE_STALE");
            });
  }

  @Test
  void rejectsABlockRangeThatEndsBeforeItStarts() {
    BlockRange backwards = new BlockRange(10, 9, RANGE.latestHash());

    assertThat(check(EthVersion.ETH69, status(69, 1, GENESIS, CURRENT, backwards)))
        .contains(StatusError.INVALID_BLOCK_RANGE);
  }

  @Test
  void rejectsAZeroHeadHash() {
    BlockRange zeroHash = new BlockRange(0, 0, Bytes32.ZERO);

    assertThat(check(EthVersion.ETH69, status(69, 1, GENESIS, CURRENT, zeroHash)))
        .contains(StatusError.INVALID_BLOCK_RANGE);
  }

  @Test
  void ignoresTotalDifficultyAndHeadHashOnEth68() {
    Status68 status = new Status68(68, 1, BigInteger.ZERO, Bytes32.ZERO, GENESIS, CURRENT);

    assertThat(check(EthVersion.ETH68, status)).isEmpty();
  }

  @Test
  void disconnectsWithSubprotocolErrorForRuleBreaksAndReadTimeoutForSilence() {
    assertThat(StatusError.GENESIS_MISMATCH.reason())
        .isEqualTo(Disconnect.Reason.SUBPROTOCOL_ERROR);
    assertThat(StatusError.TIMEOUT.reason()).isEqualTo(Disconnect.Reason.READ_TIMEOUT);
  }
}
