package org.jdevp2p.enr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.crypto.Keccak256;
import org.jdevp2p.crypto.PrivateKey;
import org.junit.jupiter.api.Test;

/** Building, round trips, and one rejection test per rule of EIP-778 and geth's enr package. */
class NodeRecordTest {
  /** The EIP-778 example key. */
  private static final PrivateKey KEY =
      PrivateKey.fromHex("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291");

  private static final String EIP778_TEXT =
      "enr:-IS4QHCYrYZbAKWCBRlAy5zzaDZXJBGkcnh4MHcBFZntXNFrdvJjX04jRzjzCBOonrkTfj499SZuOh8R33Ls8RRcy5wBgmlkgnY0gmlwhH8AAAGJc2VjcDI1NmsxoQPKY0yuDUmstAHYpMa2_oxVtw0RW_QAdpzBQA8yWM0xOIN1ZHCCdl8";

  /** secp256k1 group order, to turn a low-S signature into its high-S twin. */
  private static final BigInteger N =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

  // ---- building ----

  @Test
  void buildsTheEip778ExampleFromItsFields() throws Exception {
    NodeRecord record =
        NodeRecord.builder().seq(1).ip(InetAddress.getByName("127.0.0.1")).udp(30303).sign(KEY);
    assertThat(record.toText()).isEqualTo(EIP778_TEXT);
  }

  @Test
  void signSetsTheIdentitySchemeAndKey() {
    NodeRecord record = NodeRecord.builder().sign(KEY);
    assertThat(record.get("id")).hasValue(RLP.encodeString("v4"));
    assertThat(record.get("secp256k1")).hasValue(RLP.encodeValue(KEY.publicKey().compressed()));
    assertThat(record.publicKey()).isEqualTo(KEY.publicKey());
  }

  @Test
  void signingIsDeterministic() {
    NodeRecord.Builder builder = NodeRecord.builder().seq(7).tcp(30303);
    assertThat(builder.sign(KEY)).isEqualTo(builder.sign(KEY));
  }

  @Test
  void signRefusesARecordOverThe300ByteLimit() {
    NodeRecord.Builder builder =
        NodeRecord.builder().set("big", RLP.encodeValue(Bytes.wrap(new byte[200])));
    assertThatThrownBy(() -> builder.sign(KEY))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("more than the limit of 300");
  }

  @Test
  void signAcceptsARecordOfExactly300Bytes() {
    NodeRecord largest = null;
    for (int padding = 0; largest == null || largest.encoded().size() < NodeRecord.MAX_SIZE; ) {
      largest = withPadding(padding++);
    }
    assertThat(largest.encoded().size()).isEqualTo(NodeRecord.MAX_SIZE);
  }

  private static NodeRecord withPadding(int bytes) {
    return NodeRecord.builder().set("pad", RLP.encodeValue(Bytes.wrap(new byte[bytes]))).sign(KEY);
  }

  @Test
  void setRefusesAValueThatIsNotOneRlpItem() {
    assertThatThrownBy(() -> NodeRecord.builder().set("x", Bytes.fromHexString("8080")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void portsOutsideSixteenBitsAreRefused() {
    assertThatThrownBy(() -> NodeRecord.builder().udp(65536))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void removeDropsAnEntry() {
    NodeRecord record = NodeRecord.builder().tcp(1).sign(KEY).toBuilder().remove("tcp").sign(KEY);
    assertThat(record.get("tcp")).isEmpty();
  }

  // ---- round trips ----

  @Test
  void roundTripsBothAddressFamiliesWithTheirOwnPorts() throws Exception {
    NodeRecord record =
        NodeRecord.builder()
            .seq(3)
            .ip(InetAddress.getByName("10.0.0.1"))
            .ip(InetAddress.getByName("2001:db8::1"))
            .udp(30303)
            .tcp(30304)
            .udp6(40404)
            .tcp6(40405)
            .sign(KEY);
    NodeRecord decoded = NodeRecord.fromText(record.toText());
    assertThat(decoded).isEqualTo(record);
    assertThat(decoded.udpEndpoint4()).hasValue(new InetSocketAddress("10.0.0.1", 30303));
    assertThat(decoded.tcpEndpoint4()).hasValue(new InetSocketAddress("10.0.0.1", 30304));
    assertThat(decoded.udpEndpoint6()).hasValue(new InetSocketAddress("2001:db8::1", 40404));
    assertThat(decoded.tcpEndpoint6()).hasValue(new InetSocketAddress("2001:db8::1", 40405));
  }

  @Test
  void ipv6EndpointsFallBackToTheSharedPorts() throws Exception {
    NodeRecord record =
        NodeRecord.builder()
            .ip(InetAddress.getByName("2001:db8::2"))
            .udp(30303)
            .tcp(30304)
            .sign(KEY);
    assertThat(record.udp6()).isEmpty();
    assertThat(record.udpEndpoint6()).hasValue(new InetSocketAddress("2001:db8::2", 30303));
    assertThat(record.tcpEndpoint6()).hasValue(new InetSocketAddress("2001:db8::2", 30304));
    assertThat(record.udpEndpoint4()).isEmpty();
  }

  @Test
  void noEndpointForPortZeroOrTheUnspecifiedAddress() throws Exception {
    NodeRecord record =
        NodeRecord.builder().ip(InetAddress.getByName("0.0.0.0")).udp(30303).tcp(0).sign(KEY);
    assertThat(record.udpEndpoint4()).isEmpty();
    assertThat(record.tcp()).hasValue(0);
    assertThat(record.tcpEndpoint4()).isEmpty();
  }

  @Test
  void keepsAnIpv4MappedIp6AsIpv6() {
    Bytes mapped = Bytes.fromHexString("00000000000000000000ffff7f000001");
    NodeRecord record = NodeRecord.builder().set("ip6", RLP.encodeValue(mapped)).sign(KEY);
    assertThat(record.ip6().orElseThrow().getAddress()).isEqualTo(mapped.toArrayUnsafe());
  }

  @Test
  void unknownKeysAndListValuesSurviveByteForByte() {
    Bytes eth = Bytes.fromHexString("c7c684fc64ec0480"); // [[fork hash, next 0]]
    Bytes snap = Bytes.fromHexString("c0");
    Bytes odd = RLP.encodeList(w -> w.writeList(inner -> inner.writeString("deep")));
    NodeRecord record =
        NodeRecord.builder().set("eth", eth).set("snap", snap).set("zz", odd).sign(KEY);
    NodeRecord decoded = NodeRecord.decode(record.encoded());
    assertThat(decoded.get("eth")).hasValue(eth);
    assertThat(decoded.get("snap")).hasValue(snap);
    assertThat(decoded.get("zz")).hasValue(odd);
    assertThat(decoded.toBuilder().sign(KEY).encoded()).isEqualTo(record.encoded());
  }

  @Test
  void aKeyWithBytesAbove0x7fRoundTrips() {
    NodeRecord record = NodeRecord.builder().set("\u00ff", RLP.encodeValue(Bytes.of(1))).sign(KEY);
    assertThat(NodeRecord.decode(record.encoded()).entries()).containsKey("\u00ff");
  }

  @Test
  void seqKeepsAllSixtyFourBits() {
    NodeRecord record = NodeRecord.builder().seq(-1L).sign(KEY);
    assertThat(NodeRecord.decode(record.encoded()).seq()).isEqualTo(-1L);
  }

  // ---- the text form ----

  @Test
  void textWithPaddingIsAccepted() {
    String body = EIP778_TEXT.substring(4);
    String padded = "enr:" + body + "=".repeat((4 - body.length() % 4) % 4);
    assertThat(NodeRecord.fromText(padded).toText()).isEqualTo(EIP778_TEXT);
  }

  @Test
  void textWithTheStandardBase64AlphabetIsRejected() {
    String standard = "enr:" + Base64.getEncoder().encodeToString(fromEip778().toArrayUnsafe());
    assertThat(standard).containsAnyOf("+", "/");
    assertThatThrownBy(() -> NodeRecord.fromText(standard))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("base64url");
  }

  @Test
  void textWithoutThePrefixIsRejected() {
    assertThatThrownBy(() -> NodeRecord.fromText(EIP778_TEXT.substring(4)))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("enr:");
  }

  @Test
  void textTooLongForAnyRecordIsRejectedBeforeDecoding() {
    assertThatThrownBy(() -> NodeRecord.fromText("enr:" + "A".repeat(1000)))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("too long");
  }

  // ---- rejections: one per rule ----

  @Test
  void rejectsMoreThan300Bytes() {
    Bytes big =
        signed(KEY, seq(1), str("big"), RLP.encodeValue(Bytes.wrap(new byte[250])), id(), key(KEY));
    assertThat(big.size()).isGreaterThan(300);
    assertRejected(big, "more than the limit of 300");
  }

  @Test
  void rejectsABadSignature() {
    Bytes good = fromEip778();
    byte[] b = good.toArray();
    b[10] ^= 1; // inside the signature
    assertRejected(Bytes.wrap(b), "signature does not verify");
  }

  @Test
  void rejectsTheHighSTwinOfAValidSignature() {
    NodeRecord record = NodeRecord.decode(fromEip778());
    Bytes r = record.signature().slice(0, 32);
    BigInteger s = record.signature().slice(32).toUnsignedBigInteger();
    Bytes highS = Bytes32.leftPad(Bytes.wrap(N.subtract(s).toByteArray()).trimLeadingZeros());
    List<Bytes> content = StrictContent.of(fromEip778());
    Bytes twin = withSignature(Bytes.concatenate(r, highS), content);
    assertRejected(twin, "signature does not verify");
  }

  @Test
  void rejectsASignatureOfTheWrongLength() {
    List<Bytes> content = StrictContent.of(fromEip778());
    assertRejected(withSignature(Bytes.wrap(new byte[65]), content), "signature must be 64 bytes");
  }

  @Test
  void rejectsKeysOutOfOrder() {
    assertRejected(signed(KEY, seq(1), str("secp256k1"), key(KEY), str("id"), id()), "not sorted");
  }

  @Test
  void rejectsARepeatedKey() {
    assertRejected(
        signed(KEY, seq(1), str("id"), id(), str("id"), id(), str("secp256k1"), key(KEY)),
        "duplicate key \"id\"");
  }

  @Test
  void rejectsAKeyWithoutValue() {
    assertRejected(
        signed(KEY, seq(1), str("id"), id(), str("secp256k1"), key(KEY), str("udp")),
        "key \"udp\" has no value");
  }

  @Test
  void rejectsFewerThanTwoElements() {
    assertRejected(RLP.encodeList(w -> w.writeValue(Bytes.wrap(new byte[64]))), "1 element(s)");
  }

  @Test
  void rejectsAKeyThatIsAList() {
    assertRejected(signed(KEY, seq(1), RLP.encodeList(w -> {}), id()), "key at element 2");
  }

  @Test
  void rejectsNonCanonicalRlpInTheRecord() {
    // the seq 5 written as 0x8105 instead of 0x05
    assertRejected(
        signed(KEY, Bytes.fromHexString("8105"), str("id"), id(), str("secp256k1"), key(KEY)),
        "malformed RLP");
  }

  @Test
  void rejectsNonCanonicalRlpNestedInAnUnknownValue() {
    Bytes list = Bytes.fromHexString("c28100"); // [0x8100]
    assertRejected(
        signed(KEY, seq(1), str("id"), id(), str("secp256k1"), key(KEY), str("x"), list),
        "malformed RLP");
  }

  @Test
  void rejectsALeadingZeroInTheSeq() {
    assertRejected(
        signed(KEY, Bytes.fromHexString("820001"), str("id"), id(), str("secp256k1"), key(KEY)),
        "seq: integer has a leading zero byte");
  }

  @Test
  void rejectsALongFormLengthBelow56() {
    // the id value "v4" written as b8 02 7634
    assertRejected(
        signed(KEY, seq(1), str("id"), Bytes.fromHexString("b8027634"), str("secp256k1"), key(KEY)),
        "malformed RLP");
  }

  @Test
  void rejectsTrailingBytesAfterTheList() {
    assertRejected(Bytes.concatenate(fromEip778(), Bytes.of(0)), "trailing");
  }

  @Test
  void rejectsAnUnknownIdentityScheme() {
    assertRejected(
        signed(KEY, seq(1), str("id"), str("v5"), str("secp256k1"), key(KEY)),
        "unknown identity scheme \"v5\"");
  }

  @Test
  void rejectsARecordWithoutIdentityScheme() {
    assertRejected(signed(KEY, seq(1), str("secp256k1"), key(KEY)), "no identity scheme");
  }

  @Test
  void rejectsARecordWithoutKey() {
    assertRejected(signed(KEY, seq(1), str("id"), id()), "no secp256k1 key");
  }

  @Test
  void rejectsAnUncompressedKey() {
    Bytes uncompressed = RLP.encodeValue(KEY.publicKey().bytes());
    assertRejected(
        signed(KEY, seq(1), str("id"), id(), str("secp256k1"), uncompressed),
        "secp256k1 key must be 33 bytes, got 64");
  }

  @Test
  void rejectsAKeyNotOnTheCurve() {
    Bytes offCurve = RLP.encodeValue(Bytes.concatenate(Bytes.of(2), Bytes.repeat((byte) 0xff, 32)));
    assertRejected(
        signed(KEY, seq(1), str("id"), id(), str("secp256k1"), offCurve), "invalid secp256k1 key");
  }

  @Test
  void rejectsAnIpOfTheWrongLength() {
    assertRejected(
        signed(
            KEY,
            seq(1),
            str("id"),
            id(),
            str("ip"),
            RLP.encodeValue(Bytes.of(127, 0, 1)),
            str("secp256k1"),
            key(KEY)),
        "ip must be 4 bytes, got 3");
  }

  @Test
  void rejectsAnIp6OfTheWrongLength() {
    assertRejected(
        signed(
            KEY,
            seq(1),
            str("id"),
            id(),
            str("ip6"),
            RLP.encodeValue(Bytes.wrap(new byte[4])),
            str("secp256k1"),
            key(KEY)),
        "ip6 must be 16 bytes, got 4");
  }

  @Test
  void rejectsAPortAbove65535() {
    assertRejected(
        signed(
            KEY,
            seq(1),
            str("id"),
            id(),
            str("secp256k1"),
            key(KEY),
            str("udp"),
            RLP.encodeInt(65536)),
        "udp port out of range: 65536");
  }

  @Test
  void rejectsAPortWithALeadingZero() {
    assertRejected(
        signed(
            KEY,
            seq(1),
            str("id"),
            id(),
            str("secp256k1"),
            key(KEY),
            str("tcp"),
            Bytes.fromHexString("820050")),
        "tcp: integer has a leading zero byte");
  }

  @Test
  void rejectsAPortThatIsAList() {
    assertRejected(
        signed(
            KEY,
            seq(1),
            str("id"),
            id(),
            str("secp256k1"),
            key(KEY),
            str("tcp6"),
            RLP.encodeList(w -> {})),
        "tcp6: expected a string, found a list");
  }

  // ---- helpers: records signed with arbitrary, possibly invalid, content ----

  private static void assertRejected(Bytes rlp, String reason) {
    assertThatThrownBy(() -> NodeRecord.decode(rlp))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining(reason);
  }

  private static Bytes fromEip778() {
    return NodeRecord.fromText(EIP778_TEXT).encoded();
  }

  /** A record with a valid signature by key over exactly these content items. */
  private static Bytes signed(PrivateKey key, Bytes... content) {
    Bytes32 hash = Keccak256.hash(RLP.encodeList(w -> Arrays.stream(content).forEach(w::writeRLP)));
    return withSignature(key.sign(hash).toCompact(), Arrays.asList(content));
  }

  private static Bytes withSignature(Bytes signature, List<Bytes> content) {
    return RLP.encodeList(
        w -> {
          w.writeValue(signature);
          content.forEach(w::writeRLP);
        });
  }

  private static Bytes seq(long seq) {
    return RLP.encodeLong(seq);
  }

  private static Bytes str(String s) {
    return RLP.encodeString(s);
  }

  private static Bytes id() {
    return str("v4");
  }

  private static Bytes key(PrivateKey key) {
    return RLP.encodeValue(key.publicKey().compressed());
  }

  /** The content items (everything after the signature) of an encoded record. */
  private static final class StrictContent {
    static List<Bytes> of(Bytes record) {
      List<Bytes> items = new ArrayList<>(org.jdevp2p.rlp.StrictRlp.listItems(record));
      return items.subList(1, items.size());
    }
  }
}
