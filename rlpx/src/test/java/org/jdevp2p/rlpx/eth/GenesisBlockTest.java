package org.jdevp2p.rlpx.eth;

import static org.assertj.core.api.Assertions.assertThat;

import org.jdevp2p.eth.ChainConfig;
import org.junit.jupiter.api.Test;

/** The built-in genesis headers hash to the genesis hashes of the chain configs (geth's). */
class GenesisBlockTest {

  @Test
  void mainnetHeaderHashesToMainnetGenesis() {
    assertThat(GenesisBlock.MAINNET.header().size()).isEqualTo(535);
    assertThat(GenesisBlock.MAINNET.hash()).isEqualTo(ChainConfig.MAINNET.genesisHash());
  }

  @Test
  void sepoliaHeaderHashesToSepoliaGenesis() {
    assertThat(GenesisBlock.SEPOLIA.header().size()).isEqualTo(544);
    assertThat(GenesisBlock.SEPOLIA.hash()).isEqualTo(ChainConfig.SEPOLIA.genesisHash());
  }

  @Test
  void builtInBlockIsFoundByChain() {
    assertThat(GenesisBlock.of(ChainConfig.SEPOLIA)).isSameAs(GenesisBlock.SEPOLIA);
  }
}
