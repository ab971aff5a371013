package org.jdevp2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.rlpx.Disconnect.Reason;
import org.junit.jupiter.api.Test;

class P2pMessageTest {
  private static final PrivateKey KEY = PrivateKey.random();

  private static Hello hello() {
    return new Hello(
        5,
        "Geth/v1.17.5",
        List.of(new Hello.Cap("eth", 68), new Hello.Cap("snap", 1)),
        0,
        KEY.publicKey());
  }

  private static FailureReason failureOf(Runnable decode) {
    try {
      decode.run();
    } catch (RlpxException e) {
      return e.reason();
    }
    throw new AssertionError("decoded without error");
  }

  @Test
  void helloRoundTrips() {
    assertThat(Hello.decode(hello().encode())).isEqualTo(hello());
  }

  @Test
  void helloEncodesFieldsInSpecOrder() {
    Bytes encoded = hello().encode();
    List<Object> fields =
        RLP.decodeList(
            encoded,
            r ->
                List.of(
                    r.readInt(),
                    r.readString(),
                    r.readListContents(c -> c.readList(e -> e.readString() + "/" + e.readInt())),
                    r.readInt(),
                    r.readValue()));
    assertThat(fields)
        .containsExactly(
            5, "Geth/v1.17.5", List.of("eth/68", "snap/1"), 0, KEY.publicKey().bytes());
  }

  @Test
  void helloIgnoresExtraElementsInTheListAndInCapabilities() {
    Bytes withExtras =
        RLP.encodeList(
            w -> {
              w.writeInt(5);
              w.writeString("future/v9");
              w.writeList(
                  c ->
                      c.writeList(
                          e -> {
                            e.writeString("eth");
                            e.writeInt(68);
                            e.writeString("extra");
                          }));
              w.writeInt(30303);
              w.writeValue(KEY.publicKey().bytes());
              w.writeString("a later field");
            });
    Hello decoded = Hello.decode(withExtras);
    assertThat(decoded.capabilities()).containsExactly(new Hello.Cap("eth", 68));
    assertThat(decoded.listenPort()).isEqualTo(30303);
  }

  @Test
  void helloWithTrailingBytesIsRejected() {
    Bytes trailing = Bytes.concatenate(hello().encode(), Bytes.of(0x80));
    assertThat(failureOf(() -> Hello.decode(trailing))).isEqualTo(FailureReason.BAD_MESSAGE);
  }

  @Test
  void helloWithNonCanonicalVersionIsRejected() {
    // version 5 as the string 0x81 0x05: a single byte below 0x80 must be written as itself
    Bytes nonCanonical =
        RLP.encodeList(
            w -> {
              w.writeRLP(Bytes.of(0x81, 0x05));
              w.writeString("x");
              w.writeList(c -> {});
              w.writeInt(0);
              w.writeValue(KEY.publicKey().bytes());
            });
    assertThat(failureOf(() -> Hello.decode(nonCanonical))).isEqualTo(FailureReason.BAD_MESSAGE);
  }

  @Test
  void helloWithLeadingZeroInVersionIsRejected() {
    Bytes leadingZero =
        RLP.encodeList(
            w -> {
              w.writeRLP(Bytes.of(0x82, 0x00, 0x05));
              w.writeString("x");
              w.writeList(c -> {});
              w.writeInt(0);
              w.writeValue(KEY.publicKey().bytes());
            });
    assertThat(failureOf(() -> Hello.decode(leadingZero))).isEqualTo(FailureReason.BAD_MESSAGE);
  }

  @Test
  void helloWithShortNodeKeyIsAnInvalidIdentity() {
    Bytes shortKey =
        RLP.encodeList(
            w -> {
              w.writeInt(5);
              w.writeString("x");
              w.writeList(c -> {});
              w.writeInt(0);
              w.writeValue(Bytes.wrap(new byte[63]));
            });
    assertThat(failureOf(() -> Hello.decode(shortKey))).isEqualTo(FailureReason.INVALID_IDENTITY);
  }

  @Test
  void helloWithAllZeroNodeKeyIsAnInvalidIdentity() {
    Bytes zeroKey =
        RLP.encodeList(
            w -> {
              w.writeInt(5);
              w.writeString("x");
              w.writeList(c -> {});
              w.writeInt(0);
              w.writeValue(Bytes.wrap(new byte[64]));
            });
    assertThat(failureOf(() -> Hello.decode(zeroKey))).isEqualTo(FailureReason.INVALID_IDENTITY);
  }

  @Test
  void helloWithCapabilityThatIsNotAListIsRejected() {
    Bytes bad =
        RLP.encodeList(
            w -> {
              w.writeInt(5);
              w.writeString("x");
              w.writeList(c -> c.writeString("eth"));
              w.writeInt(0);
              w.writeValue(KEY.publicKey().bytes());
            });
    assertThat(failureOf(() -> Hello.decode(bad))).isEqualTo(FailureReason.BAD_MESSAGE);
  }

  @Test
  void disconnectEncodesReasonInAList() {
    assertThat(new Disconnect(Reason.TOO_MANY_PEERS).encode())
        .isEqualTo(Bytes.fromHexString("c104"));
    assertThat(new Disconnect(Reason.REQUESTED).encode()).isEqualTo(Bytes.fromHexString("c180"));
  }

  @Test
  void disconnectDecodesListBareIntegerAndEmptyList() {
    assertThat(Disconnect.decode(Bytes.fromHexString("c10b")).reason())
        .isEqualTo(Reason.READ_TIMEOUT);
    assertThat(Disconnect.decode(Bytes.fromHexString("04")).reason())
        .isEqualTo(Reason.TOO_MANY_PEERS);
    assertThat(Disconnect.decode(Bytes.fromHexString("c0")).reason()).isEqualTo(Reason.REQUESTED);
  }

  @Test
  void disconnectWithUnknownReasonReadsAsInvalid() {
    assertThat(Disconnect.decode(Bytes.fromHexString("c10c")).reason()).isEqualTo(Reason.INVALID);
  }

  @Test
  void disconnectReasonTableMatchesTheSpec() {
    assertThat(List.of(Reason.values()).stream().map(Reason::code))
        .containsExactly(
            0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x10, 0xff);
  }

  @Test
  void malformedDisconnectIsRejected() {
    assertThat(failureOf(() -> Disconnect.decode(Bytes.fromHexString("c2"))))
        .isEqualTo(FailureReason.BAD_MESSAGE);
  }

  @Test
  void pingAndPongCarryAnEmptyList() {
    assertThat(new Ping().encode()).isEqualTo(Bytes.fromHexString("c0"));
    assertThat(new Pong().encode()).isEqualTo(Bytes.fromHexString("c0"));
  }

  @Test
  void pingThatIsNotAListIsRejected() {
    assertThat(failureOf(() -> Ping.decode(Bytes.fromHexString("80"))))
        .isEqualTo(FailureReason.BAD_MESSAGE);
  }

  @Test
  void decodeDispatchesOnTheMessageId() {
    assertThat(P2pMessage.decode(0x02, Bytes.fromHexString("c0"))).isInstanceOf(Ping.class);
    assertThat(P2pMessage.decode(0x03, Bytes.fromHexString("c0"))).isInstanceOf(Pong.class);
    assertThat(P2pMessage.decode(0x01, Bytes.fromHexString("c108")))
        .isEqualTo(new Disconnect(Reason.QUITTING));
    assertThatThrownBy(() -> P2pMessage.decode(0x05, Bytes.fromHexString("c0")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void helloWithNonCanonicalItemInsideAnIgnoredExtraElementIsRejected() {
    Bytes hiddenNonCanonical =
        RLP.encodeList(
            w -> {
              w.writeInt(5);
              w.writeString("x");
              w.writeList(c -> {});
              w.writeInt(0);
              w.writeValue(KEY.publicKey().bytes());
              w.writeList(extra -> extra.writeRLP(Bytes.of(0x81, 0x05)));
            });
    assertThat(failureOf(() -> Hello.decode(hiddenNonCanonical)))
        .isEqualTo(FailureReason.BAD_MESSAGE);
  }
}
