package org.jdevp2p.rlpx.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.Keccak256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our sponge against the reference Keccak-256 (BouncyCastle, via devp2p's Keccak256). */
class KeccakSpongeTest {
  private static byte[] digest(KeccakSponge sponge) {
    byte[] out = new byte[32];
    sponge.digest(out, 0);
    return out;
  }

  @Test
  void emptyInputHasTheKnownKeccak256() {
    assertThat(Bytes.wrap(digest(new KeccakSponge())))
        .isEqualTo(
            Bytes.fromHexString(
                "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 135, 136, 137, 271, 272, 1000, 100_000})
  void digestOfInputOfLengthMatchesTheReference(int length) {
    byte[] input = new byte[length];
    new Random(length).nextBytes(input);
    KeccakSponge sponge = new KeccakSponge();
    sponge.update(input, 0, length);
    assertThat(Bytes.wrap(digest(sponge))).isEqualTo(Keccak256.hash(Bytes.wrap(input)));
  }

  @Test
  void digestLeavesTheSpongeAbsorbingAndUnevenUpdatesAddUp() {
    Random random = new Random(1);
    byte[] input = new byte[5000];
    random.nextBytes(input);
    KeccakSponge sponge = new KeccakSponge();
    int offset = 0;
    while (offset < input.length) {
      int n = Math.min(random.nextInt(300), input.length - offset);
      sponge.update(input, offset, n);
      offset += n;
      assertThat(Bytes.wrap(digest(sponge)))
          .isEqualTo(Keccak256.hash(Bytes.wrap(input, 0, offset)));
    }
  }
}
