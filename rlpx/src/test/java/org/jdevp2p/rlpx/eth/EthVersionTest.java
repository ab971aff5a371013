package org.jdevp2p.rlpx.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.rlpx.Capability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Message-space lengths per version (geth protocolLengths; Besu and reth agree). */
class EthVersionTest {

  @Test
  void messageSpacesAreThoseGethBesuAndRethUse() {
    Map<EthVersion, Integer> lengths =
        Map.of(
            EthVersion.ETH68, 17,
            EthVersion.ETH69, 18,
            EthVersion.ETH70, 18,
            EthVersion.ETH71, 20,
            EthVersion.ETH72, 22);

    lengths.forEach((v, length) -> assertThat(v.messageCount()).as("%s", v).isEqualTo(length));
  }

  @Test
  void capabilityIsEthWithTheVersionNumber() {
    assertThat(EthVersion.ETH71.capability()).isEqualTo(new Capability("eth", 71, 20));
  }

  @ParameterizedTest
  @EnumSource(EthVersion.class)
  void firstCodeAfterTheMessageSpaceIsNotAnEthMessage(EthVersion version) {
    assertThatThrownBy(
            () -> EthCodec.decode(version, version.messageCount(), Bytes.fromHexString("c0")))
        .isInstanceOf(InvalidEthMessageException.class)
        .hasMessageContaining("is not an " + version + " message");
  }

  @Test
  void versionsWeDoNotImplementAreRefused() {
    assertThatThrownBy(() -> EthVersion.of(67)).isInstanceOf(IllegalArgumentException.class);
  }
}
