package org.jdevp2p.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.testing.Vectors;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StrictRlpTest {
  private static final JsonNode RLP_VECTORS = Vectors.load("rlp.json");

  static Stream<Arguments> valid() {
    return cases("valid");
  }

  /**
   * The invalid vectors that concern a generic decoder. Those marked {@code bytes[N]} are canonical
   * RLP that only a fixed-size Go array refuses; the ENR decoder's own length checks (ip, ip6,
   * secp256k1) cover that rule.
   */
  static Stream<Arguments> invalid() {
    return cases("invalid").filter(a -> !decodeAs(a).startsWith("bytes["));
  }

  @ParameterizedTest
  @MethodSource("valid")
  void acceptsEveryValidVector(JsonNode vector) {
    Bytes out = Vectors.hex(vector, "out");
    StrictRlp.checkItem(out);
    JsonNode in = vector.get("in");
    if (in.isArray()) {
      assertThat(StrictRlp.listItems(out)).hasSize(in.size());
    } else if (in.isNumber()) {
      assertThat(StrictRlp.readUInt64(out)).isEqualTo(in.asLong());
    } else if (!in.asText().startsWith("#") && !StrictRlp.isList(out)) {
      // "#..." is a big integer and longList2 describes its list in words: checked above only
      assertThat(StrictRlp.readBytes(out))
          .isEqualTo(Bytes.wrap(in.asText().getBytes(StandardCharsets.UTF_8)));
    }
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void rejectsEveryInvalidVector(JsonNode vector) {
    Bytes in = Vectors.hex(vector, "in");
    switch (decodeAs(vector)) {
      case "uint", "bigint" ->
          assertThatThrownBy(() -> StrictRlp.readUInt64(in))
              .isInstanceOf(InvalidRlpException.class);
      case "list" ->
          assertThatThrownBy(() -> StrictRlp.listItems(in)).isInstanceOf(InvalidRlpException.class);
      default ->
          assertThatThrownBy(() -> StrictRlp.checkItem(in)).isInstanceOf(InvalidRlpException.class);
    }
  }

  @Test
  void listItemsReturnsTheEncodingOfEachElement() {
    // ["dog", [], 0x05]
    Bytes list = Bytes.fromHexString("c683646f67c005");
    assertThat(StrictRlp.listItems(list))
        .containsExactly(
            Bytes.fromHexString("83646f67"), Bytes.fromHexString("c0"), Bytes.fromHexString("05"));
  }

  @Test
  void rejectsTrailingBytesAfterTheItem() {
    assertThatThrownBy(() -> StrictRlp.checkItem(Bytes.fromHexString("8000")))
        .isInstanceOf(InvalidRlpException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void rejectsTrailingBytesAfterAList() {
    assertThatThrownBy(() -> StrictRlp.listItems(Bytes.fromHexString("c08080")))
        .isInstanceOf(InvalidRlpException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void rejectsANonCanonicalItemInsideANestedList() {
    // [[0x8100]]: the inner string should have been the single byte 0x00
    assertThatThrownBy(() -> StrictRlp.listItems(Bytes.fromHexString("c3c28100")))
        .isInstanceOf(InvalidRlpException.class)
        .hasMessageContaining("single byte");
  }

  @Test
  void rejectsListsNestedBeyondTheDepthBound() {
    Bytes nested = nestedEmptyLists(StrictRlp.MAX_DEPTH + 1);
    assertThatThrownBy(() -> StrictRlp.checkItem(nested))
        .isInstanceOf(InvalidRlpException.class)
        .hasMessageContaining("nested");
  }

  @Test
  void acceptsListsNestedUpToTheDepthBound() {
    StrictRlp.checkItem(nestedEmptyLists(StrictRlp.MAX_DEPTH));
  }

  @Test
  void readsTheLargestUInt64AsUnsignedBits() {
    assertThat(StrictRlp.readUInt64(Bytes.fromHexString("88ffffffffffffffff"))).isEqualTo(-1L);
  }

  @Test
  void rejectsIntegersWiderThan64Bits() {
    assertThatThrownBy(() -> StrictRlp.readUInt64(Bytes.fromHexString("89010000000000000000")))
        .isInstanceOf(InvalidRlpException.class)
        .hasMessageContaining("64 bits");
  }

  @Test
  void readBytesRefusesAList() {
    assertThatThrownBy(() -> StrictRlp.readBytes(Bytes.fromHexString("c0")))
        .isInstanceOf(InvalidRlpException.class)
        .hasMessageContaining("found a list");
  }

  @Test
  void listItemsRefusesAString() {
    assertThatThrownBy(() -> StrictRlp.listItems(Bytes.fromHexString("83646f67")))
        .isInstanceOf(InvalidRlpException.class)
        .hasMessageContaining("found a string");
  }

  @Test
  void randomInputFailsOnlyWithInvalidRlpException() {
    Random random = new Random(778);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[1 + random.nextInt(24)];
      random.nextBytes(b);
      try {
        StrictRlp.checkItem(Bytes.wrap(b));
      } catch (InvalidRlpException expected) {
        // the only failure allowed
      }
    }
  }

  /** [[[...[]...]]]: depth lists, each the only element of the one around it. */
  private static Bytes nestedEmptyLists(int depth) {
    Bytes nested = RLP.encodeList(w -> {});
    for (int i = 1; i < depth; i++) {
      Bytes inner = nested;
      nested = RLP.encodeList(w -> w.writeRLP(inner));
    }
    return nested;
  }

  private static Stream<Arguments> cases(String group) {
    return StreamSupport.stream(RLP_VECTORS.get(group).spliterator(), false)
        .map(v -> Arguments.of(Named.of(v.get("name").asText(), v)));
  }

  private static String decodeAs(Arguments a) {
    return decodeAs((JsonNode) ((Named<?>) a.get()[0]).getPayload());
  }

  private static String decodeAs(JsonNode vector) {
    JsonNode d = vector.get("decode_as");
    return d == null ? "any" : d.asText();
  }
}
