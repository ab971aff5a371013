package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.Keccak256;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.node.NodeId;
import org.junit.jupiter.api.Test;

class IdGrinderTest {
  private static final NodeId TARGET =
      new NodeId(Keccak256.hash(Bytes.wrap("t1".getBytes(StandardCharsets.UTF_8))));
  private static final PrivateKey START =
      PrivateKey.fromBytes(Keccak256.hash(Bytes.wrap("start".getBytes(StandardCharsets.UTF_8))));

  @Test
  void aGroundIdIsWithinLogDistance240OfTheTarget() {
    IdGrinder.Result r = new IdGrinder(TARGET, 16).grind(START);
    assertThat(TARGET.logDistance(NodeId.of(r.key().publicKey()))).isLessThanOrEqualTo(240);
  }

  @Test
  void theGroundPrivateKeyMakesThePublicKeyTheGrindReached() {
    IdGrinder.Result r = new IdGrinder(TARGET, 8).grind(START);
    assertThat(r.key().publicKey().bytes()).isEqualTo(r.publicKey());
  }

  @Test
  void theGroundKeyIsTheStartKeyPlusTheCandidatesBeforeIt() {
    IdGrinder.Result r = new IdGrinder(TARGET, 8).grind(START);
    BigInteger start = START.bytes().toUnsignedBigInteger();
    assertThat(r.key().bytes().toUnsignedBigInteger())
        .isEqualTo(start.add(BigInteger.valueOf(r.tries() - 1)));
  }

  @Test
  void zeroBitsTakesTheStartKey() {
    IdGrinder.Result r = new IdGrinder(TARGET, 0).grind(START);
    assertThat(r.key()).isEqualTo(START);
    assertThat(r.tries()).isEqualTo(1);
  }

  @Test
  void aPrefixIsComparedBitByBit() {
    byte[] a = {(byte) 0b1010_0000};
    byte[] b = {(byte) 0b1011_0000};
    assertThat(IdGrinder.sharesPrefix(a, b, 3)).isTrue();
    assertThat(IdGrinder.sharesPrefix(a, b, 4)).isFalse();
  }

  @Test
  void rejectsMoreBitsThanAGrindCanAfford() {
    assertThatThrownBy(() -> new IdGrinder(TARGET, IdGrinder.MAX_BITS + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
