package org.jdevp2p.discv5.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

class SessionTest {
  private static final Bytes KEY = Bytes.wrap(new byte[16]);

  @Test
  void nonceStartsWithTheMessageCounter() {
    Session s = new Session(KEY, KEY, WireVectors.ZEROS);
    s.nextNonce();
    assertThat(Bytes.wrap(s.nextNonce()))
        .isEqualTo(Bytes.fromHexString("000000020000000000000000"));
  }

  @Test
  void noncesDoNotRepeatEvenWhenTheRandomPartDoes() {
    Session s = new Session(KEY, KEY, WireVectors.ZEROS);
    Set<Bytes> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(Bytes.wrap(s.nextNonce()))).isTrue();
    }
  }

  @Test
  void textFormHidesTheKeys() {
    Session s = new Session(Bytes.repeat((byte) 0xab, 16), KEY, WireVectors.ZEROS);
    assertThat(s.toString()).doesNotContain("ab").doesNotContain("AB");
  }
}
