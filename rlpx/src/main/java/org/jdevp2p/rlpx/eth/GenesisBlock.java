package org.jdevp2p.rlpx.eth;

import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.Keccak256;
import org.jdevp2p.eth.ChainConfig;

/**
 * The one block a node without a chain holds: the genesis header and body of its network, so that
 * the range it announces (0..0) is really served (eth69plus.md §8.2). Besu fetches the header at
 * the announced head hash right after Status and drops a peer that does not send it.
 */
public record GenesisBlock(ChainConfig chain, Bytes header, Bytes body) {

  /** The logs bloom of a genesis header: 256 zero bytes, as the RLP string {@code b90100 00…}. */
  private static final String ZERO_BLOOM = "b90100" + "00".repeat(256);

  /**
   * Mainnet genesis, 535 bytes: difficulty 2^34, gas limit 5000, time 0, nonce 0x42; keccak =
   * d4e56740…8fa3.
   */
  public static final GenesisBlock MAINNET =
      new GenesisBlock(
          ChainConfig.MAINNET,
          Bytes.fromHexString(
              "f90214a00000000000000000000000000000000000000000000000000000000000000000a01dcc4de8"
                  + "dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347940000000000000000000000"
                  + "000000000000000000a0d7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f"
                  + "0544a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a056e81f17"
                  + "1bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"
                  + ZERO_BLOOM
                  + "850400000000808213888080a011bbe8db4e347b4e8c937c1c8370e4b5ed33adb3db69cbdb7a38e1"
                  + "e50b1b82faa0000000000000000000000000000000000000000000000000000000000000000088"
                  + "0000000000000042"),
          preShanghaiEmptyBody());

  /**
   * Sepolia genesis, 544 bytes: difficulty 0x20000, gas limit 30M, time 0x6159af19, extra "Sepolia,
   * Athens, Attica, Greece!", base fee 1 gwei (London at genesis); keccak = 25a5cc10…6dd9.
   */
  public static final GenesisBlock SEPOLIA =
      new GenesisBlock(
          ChainConfig.SEPOLIA,
          Bytes.fromHexString(
              "f9021da00000000000000000000000000000000000000000000000000000000000000000a01dcc4de8"
                  + "dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347940000000000000000000000"
                  + "000000000000000000a05eb6e371a698b8d68f665192350ffcecbbbf322916f4b51bd79bb6887da3"
                  + "f494a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a056e81f17"
                  + "1bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"
                  + ZERO_BLOOM
                  + "83020000808401c9c38080846159af19a05365706f6c69612c20417468656e732c20417474696361"
                  + "2c2047726565636521a00000000000000000000000000000000000000000000000000000000000"
                  + "000000880000000000000000843b9aca00"),
          preShanghaiEmptyBody());

  public GenesisBlock {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(body, "body");
  }

  /**
   * The built-in genesis of {@code chain} (mainnet or sepolia).
   *
   * @throws IllegalArgumentException for another chain: take its genesis header from a trusted node
   *     and check its hash
   */
  public static GenesisBlock of(ChainConfig chain) {
    if (chain.equals(ChainConfig.MAINNET)) return MAINNET;
    if (chain.equals(ChainConfig.SEPOLIA)) return SEPOLIA;
    throw new IllegalArgumentException("no built-in genesis block for " + chain.name());
  }

  /** keccak256 of the header: equals the chain's genesis hash for a true genesis. */
  public Bytes32 hash() {
    return Keccak256.hash(header);
  }

  /** {@code [transactions, ommers]} with both empty: a genesis without withdrawals. */
  private static Bytes preShanghaiEmptyBody() {
    return Bytes.fromHexString("c2c0c0");
  }
}
