package org.jdevp2p.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ForkIdTest {

  static Stream<Arguments> encodingVectors() {
    return StreamSupport.stream(ForkIdVectors.JSON.get("encoding").spliterator(), false)
        .map(
            v ->
                Arguments.of(
                    ForkIdVectors.forkId(v, "fork_hash", "fork_next"),
                    Bytes.fromHexString(v.get("rlp").asText())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodingVectors")
  void encodesAsVector(ForkId id, Bytes rlp) {
    assertThat(id.encode()).isEqualTo(rlp);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodingVectors")
  void decodesVector(ForkId id, Bytes rlp) {
    assertThat(ForkId.decode(rlp)).isEqualTo(id);
  }

  @Test
  void printsNextAsUnsigned() {
    JsonNode max = ForkIdVectors.JSON.get("encoding").get(2);
    assertThat(ForkIdVectors.forkId(max, "fork_hash", "fork_next"))
        .hasToString("0xffffffff next 18446744073709551615");
  }

  @Test
  void constructorRejectsAHashThatIsNotFourBytes() {
    assertThatThrownBy(() -> new ForkId(Bytes.fromHexString("deadbe"), 0))
        .isInstanceOf(InvalidForkIdException.class)
        .hasMessage("fork hash must be 4 bytes, got 3");
  }

  @Test
  void rejectsEmptyInput() {
    assertRejected("", "fork id: empty input");
  }

  @Test
  void rejectsAStringInsteadOfAList() {
    assertRejected("84deadbeef", "fork id: expected a list, found a string");
  }

  @Test
  void rejectsAnEmptyList() {
    assertRejected("c0", "fork id must have 2 elements [hash, next], got 0");
  }

  @Test
  void rejectsAMissingNext() {
    assertRejected("c584deadbeef", "fork id must have 2 elements [hash, next], got 1");
  }

  @Test
  void rejectsAThirdElement() {
    assertRejected("c784deadbeef8080", "fork id must have 2 elements [hash, next], got 3");
  }

  @Test
  void rejectsAShortHash() {
    assertRejected("c583deadbe80", "fork hash must be 4 bytes, got 3");
  }

  @Test
  void rejectsALongHash() {
    assertRejected("c785deadbeef0080", "fork hash must be 4 bytes, got 5");
  }

  @Test
  void rejectsAHashThatIsAList() {
    assertRejected("c2c080", "fork hash must be a string, got a list");
  }

  @Test
  void rejectsANextThatIsAList() {
    assertRejected("c684deadbeefc0", "fork next must be an integer, got a list");
  }

  @Test
  void rejectsANextLongerThanEightBytes() {
    assertRejected(
        "cf84deadbeef89010000000000000000", "fork id: integer of 9 bytes exceeds 64 bits");
  }

  @Test
  void rejectsANextWithALeadingZeroByte() {
    assertRejected("c884deadbeef820001", "fork id: integer has a leading zero byte");
  }

  @Test
  void rejectsASmallNextNotEncodedAsItsOwnByte() {
    assertRejected("c784deadbeef8105", "fork id: ");
  }

  @Test
  void rejectsALongFormLengthForAShortList() {
    assertRejected("f80684deadbeef80", "fork id: ");
  }

  @Test
  void rejectsATruncatedList() {
    assertRejected("c784deadbeef80", "fork id: ");
  }

  @Test
  void rejectsTrailingBytes() {
    assertRejected("c684deadbeef8000", "fork id: 1 trailing bytes");
  }

  /**
   * Fuzzing from fixed seeds: mutated encodings either fail with the typed exception or decode into
   * a fork id that re-encodes to exactly the same bytes (the decoder accepts canonical input only).
   */
  @Test
  void mutatedEncodingsFailTypedOrRoundTripExactly() {
    Random random = new Random(2124);
    byte[] valid = Bytes.fromHexString("ce84ffffffff88ffffffffffffffff").toArray();
    for (int round = 0; round < 20_000; round++) {
      byte[] input = Arrays.copyOf(valid, 1 + random.nextInt(valid.length + 2));
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        input[random.nextInt(input.length)] = (byte) random.nextInt(256);
      }
      Bytes bytes = Bytes.wrap(input);
      try {
        assertThat(ForkId.decode(bytes).encode()).isEqualTo(bytes);
      } catch (InvalidForkIdException expected) {
        // the typed failure is the other allowed outcome
      }
    }
  }

  private static void assertRejected(String hex, String message) {
    assertThatThrownBy(() -> ForkId.decode(Bytes.fromHexString(hex)))
        .isInstanceOf(InvalidForkIdException.class)
        .hasMessageStartingWith(message);
  }
}
