package org.jdevp2p.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.testing.Vectors;
import org.junit.jupiter.api.Test;

class NodeIdTest {
  private static final NodeId ZERO = NodeId.fromHex("00".repeat(32));

  private static NodeId withLastByte(int b) {
    return NodeId.fromBytes(Bytes.concatenate(Bytes.wrap(new byte[31]), Bytes.of(b)));
  }

  @Test
  void nodeIdIsKeccakOfThe64BytePublicKey() {
    JsonNode v = Vectors.load("discv5-wire.json").get("keys");
    PrivateKey a = PrivateKey.fromBytes(Vectors.hex(v, "node_a_key"));
    assertThat(NodeId.of(a.publicKey()).toString()).isEqualTo(v.get("node_a_id").asText());
  }

  @Test
  void logDistanceToItselfIsZero() {
    NodeId id = NodeId.of(PrivateKey.random().publicKey());
    assertThat(id.logDistance(id)).isZero();
  }

  @Test
  void logDistanceIsTheBitLengthOfTheXor() {
    assertThat(ZERO.logDistance(withLastByte(1))).isEqualTo(1);
    assertThat(ZERO.logDistance(withLastByte(2))).isEqualTo(2);
    assertThat(ZERO.logDistance(withLastByte(3))).isEqualTo(2);
    assertThat(ZERO.logDistance(withLastByte(0x80))).isEqualTo(8);
    NodeId firstBit = NodeId.fromHex("80" + "00".repeat(31));
    assertThat(ZERO.logDistance(firstBit)).isEqualTo(256);
    assertThat(firstBit.logDistance(ZERO)).isEqualTo(256);
    NodeId secondByte = NodeId.fromHex("00" + "01" + "00".repeat(30));
    assertThat(ZERO.logDistance(secondByte)).isEqualTo(241);
  }

  @Test
  void compareDistanceOrdersByXorToTheTarget() {
    assertThat(ZERO.compareDistance(withLastByte(1), withLastByte(2))).isNegative();
    assertThat(ZERO.compareDistance(withLastByte(7), withLastByte(4))).isPositive();
    assertThat(withLastByte(6).compareDistance(withLastByte(7), withLastByte(4))).isNegative();
    assertThat(ZERO.compareDistance(withLastByte(5), withLastByte(5))).isZero();
  }

  @Test
  void xorIsBytewise() {
    assertThat(withLastByte(6).xor(withLastByte(3))).isEqualTo(withLastByte(5).bytes());
  }

  @Test
  void anIdMustBe32Bytes() {
    assertThatThrownBy(() -> NodeId.fromBytes(Bytes.wrap(new byte[31])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void idsWithTheSameBytesAreEqualWhateverBacksThem() {
    Bytes32 slice = Bytes32.wrap(Bytes.concatenate(Bytes.of(9), withLastByte(4).bytes()), 1);
    NodeId id = new NodeId(slice);
    assertThat(id).isEqualTo(withLastByte(4)).hasSameHashCodeAs(withLastByte(4));
  }

  @Test
  void idsDifferingInOneByteAreNotEqual() {
    assertThat(withLastByte(4)).isNotEqualTo(withLastByte(5)).isNotEqualTo(withLastByte(4).bytes());
  }
}
