package org.jdevp2p.rlpx.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.MutableBytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutations of every vector: a decoder may accept a changed message or refuse it, but only ever
 * with an {@link InvalidEthMessageException}; nothing else escapes to the connection handler.
 */
class EthCodecMutationTest {

  static Stream<Arguments> vectors() {
    return EthCodecTest.vectors();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyTruncationIsRefusedWithATypedError(
      String name, EthVersion version, int code, Bytes encoded) {
    for (int size = 0; size < encoded.size(); size++) {
      Bytes truncated = encoded.slice(0, size);

      assertThatThrownBy(() -> EthCodec.decode(version, code, truncated))
          .as("%s cut to %d bytes", name, size)
          .isInstanceOf(InvalidEthMessageException.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyChangedByteDecodesOrFailsWithATypedError(
      String name, EthVersion version, int code, Bytes encoded) {
    for (int i = 0; i < encoded.size(); i++) {
      for (int bit = 0; bit < Byte.SIZE; bit++) {
        MutableBytes mutated = encoded.mutableCopy();
        mutated.set(i, (byte) (mutated.get(i) ^ (1 << bit)));

        Throwable thrown = catchThrowable(() -> EthCodec.decode(version, code, mutated));

        if (thrown != null) {
          assertThat(thrown)
              .as("%s with bit %d of byte %d flipped", name, bit, i)
              .isInstanceOf(InvalidEthMessageException.class);
        }
      }
    }
  }
}
