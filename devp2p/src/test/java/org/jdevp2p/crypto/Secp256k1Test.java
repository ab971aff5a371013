package org.jdevp2p.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jdevp2p.testing.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.testing.Vectors;
import org.junit.jupiter.api.Test;

class Secp256k1Test {
  private static final JsonNode ENR = Vectors.load("enr.json").get("records").get(0);
  private static final JsonNode DISCV5 = Vectors.load("discv5-wire.json").get("crypto");
  private static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  @Test
  void keccakIsNotSha3() {
    assertThat(Keccak256.hash(Bytes.EMPTY).toUnprefixedHexString())
        .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  }

  @Test
  void publicKeyOfEip778Key() {
    PrivateKey key = PrivateKey.fromBytes(hex(ENR, "private_key"));
    assertThat(key.publicKey().bytes()).isEqualTo(hex(ENR, "uncompressed_pubkey_xy"));
    assertThat(key.publicKey().compressed().toUnprefixedHexString())
        .isEqualTo("03ca634cae0d49acb401d8a4c6b6fe8c55b70d115bf400769cc1400f3258cd3138");
  }

  @Test
  void signingIsDeterministicAndMatchesTheEip778Signature() {
    PrivateKey key = PrivateKey.fromBytes(hex(ENR, "private_key"));
    Bytes32 hash = Bytes32.wrap(hex(ENR, "signing_hash_keccak256"));
    Signature sig = key.sign(hash);
    assertThat(sig.toCompact()).isEqualTo(hex(ENR.get("decoded"), "signature"));
    assertThat(sig.verify(hash, key.publicKey())).isTrue();
  }

  @Test
  void signingMatchesTheDiscv5IdNonceSignature() {
    JsonNode v = DISCV5.get("id_nonce_signing");
    PrivateKey key = PrivateKey.fromBytes(hex(v, "static_key"));
    Signature sig = key.sign(Bytes32.wrap(hex(v, "derived_signing_hash")));
    assertThat(sig.toCompact()).isEqualTo(hex(v, "id_signature"));
  }

  @Test
  void compressedEcdhMatchesTheDiscv5Vector() {
    JsonNode v = DISCV5.get("ecdh");
    PrivateKey key = PrivateKey.fromBytes(hex(v, "secret_key"));
    PublicKey pub = PublicKey.fromBytes(hex(v, "public_key"));
    assertThat(key.agreeCompressed(pub)).isEqualTo(hex(v, "shared_secret"));
    assertThat(key.agreeX(pub)).isEqualTo(hex(v, "shared_secret").slice(1));
  }

  @Test
  void ecdhIsSymmetric() {
    PrivateKey a = PrivateKey.random();
    PrivateKey b = PrivateKey.random();
    assertThat(a.agreeX(b.publicKey())).isEqualTo(b.agreeX(a.publicKey()));
  }

  @Test
  void recoverFindsTheSigner() {
    PrivateKey key = PrivateKey.random();
    for (int i = 0; i < 20; i++) {
      Bytes32 hash = Keccak256.hash(Bytes.of(i));
      Signature sig = key.sign(hash);
      assertThat(sig.s().toUnsignedBigInteger()).isLessThanOrEqualTo(N.shiftRight(1));
      assertThat(sig.recover(hash)).isEqualTo(key.publicKey());
    }
  }

  @Test
  void highSSignatureIsRejected() {
    PrivateKey key = PrivateKey.random();
    Bytes32 hash = Keccak256.hash(Bytes.of(1, 2, 3));
    Signature sig = key.sign(hash);
    Bytes32 highS =
        Bytes32.leftPad(
            Bytes.wrap(N.subtract(sig.s().toUnsignedBigInteger()).toByteArray())
                .trimLeadingZeros());
    Signature malleable = new Signature(sig.r(), highS, -1);
    assertThat(malleable.verify(hash, key.publicKey())).isFalse();
    assertThat(sig.verify(hash, key.publicKey())).isTrue();
  }

  @Test
  void signatureOfAnotherHashDoesNotVerify() {
    PrivateKey key = PrivateKey.random();
    Signature sig = key.sign(Keccak256.hash(Bytes.of(1)));
    assertThat(sig.verify(Keccak256.hash(Bytes.of(2)), key.publicKey())).isFalse();
  }

  @Test
  void pointOffTheCurveIsRejected() {
    Bytes notOnCurve = Bytes.concatenate(Bytes32.fromHexString("01"), Bytes32.fromHexString("01"));
    assertThatThrownBy(() -> PublicKey.fromBytes(notOnCurve))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("not a point");
    assertThatThrownBy(() -> PublicKey.fromBytes(Bytes.fromHexString("0x05" + "00".repeat(32))))
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> PublicKey.fromBytes(Bytes.wrap(new byte[20])))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("33, 64 or 65");
  }

  @Test
  void privateKeyOutOfRangeIsRejected() {
    assertThatThrownBy(() -> PrivateKey.fromBytes(Bytes32.ZERO))
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(
            () ->
                PrivateKey.fromBytes(
                    Bytes32.leftPad(Bytes.wrap(N.toByteArray()).trimLeadingZeros())))
        .isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void publicKeyFormsAgree() {
    PublicKey key = PrivateKey.random().publicKey();
    assertThat(PublicKey.fromBytes(key.compressed())).isEqualTo(key);
    assertThat(PublicKey.fromBytes(Bytes.concatenate(Bytes.of(4), key.bytes()))).isEqualTo(key);
  }

  @Test
  void privateKeyTextDoesNotLeakTheSecret() {
    PrivateKey key = PrivateKey.fromBytes(hex(ENR, "private_key"));
    assertThat(key.toString()).doesNotContain("b71c71a6");
  }
}
