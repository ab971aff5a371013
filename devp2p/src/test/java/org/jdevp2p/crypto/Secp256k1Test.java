package org.jdevp2p.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jdevp2p.testing.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.testing.Vectors;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every backend must give the same answers: the parameterized tests run against BouncyCastle and
 * libsecp256k1 directly (a native library that fails to load fails them, it does not skip them);
 * the plain tests cover the value types on the backend in use.
 */
class Secp256k1Test {
  private static final JsonNode ENR = Vectors.load("enr.json").get("records").get(0);
  private static final JsonNode DISCV5 = Vectors.load("discv5-wire.json").get("crypto");
  private static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  static Stream<Named<Secp256k1>> backends() {
    return Stream.of(Secp256k1.bouncyCastle(), Secp256k1.nativeLibrary())
        .map(b -> Named.of(b.name(), b));
  }

  private static byte[] bytes(JsonNode node, String field) {
    return hex(node, field).toArrayUnsafe();
  }

  private static byte[] keccak(int... values) {
    return Keccak256.hash(Bytes.of(values)).toArrayUnsafe();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void publicKeyOfEip778Key(Secp256k1 backend) {
    byte[] publicKey = backend.publicKey(bytes(ENR, "private_key"));
    assertThat(publicKey).isEqualTo(bytes(ENR, "uncompressed_pubkey_xy"));
    assertThat(Bytes.wrap(backend.compress(publicKey)).toUnprefixedHexString())
        .isEqualTo("03ca634cae0d49acb401d8a4c6b6fe8c55b70d115bf400769cc1400f3258cd3138");
  }

  @ParameterizedTest
  @MethodSource("backends")
  void signingIsDeterministicAndMatchesTheEip778Signature(Secp256k1 backend) {
    byte[] privateKey = bytes(ENR, "private_key");
    byte[] hash = bytes(ENR, "signing_hash_keccak256");
    byte[] sig = backend.sign(hash, privateKey);
    assertThat(Arrays.copyOf(sig, 64)).isEqualTo(bytes(ENR.get("decoded"), "signature"));
    assertThat(backend.sign(hash, privateKey)).isEqualTo(sig);
    assertThat(backend.verify(hash, Arrays.copyOf(sig, 64), backend.publicKey(privateKey)))
        .isTrue();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void signingMatchesTheDiscv5IdNonceSignature(Secp256k1 backend) {
    JsonNode v = DISCV5.get("id_nonce_signing");
    byte[] sig = backend.sign(bytes(v, "derived_signing_hash"), bytes(v, "static_key"));
    assertThat(Arrays.copyOf(sig, 64)).isEqualTo(bytes(v, "id_signature"));
  }

  @ParameterizedTest
  @MethodSource("backends")
  void compressedEcdhMatchesTheDiscv5Vector(Secp256k1 backend) {
    JsonNode v = DISCV5.get("ecdh");
    byte[] privateKey = bytes(v, "secret_key");
    byte[] publicKey = backend.decode(bytes(v, "public_key"));
    assertThat(backend.agreeCompressed(privateKey, publicKey)).isEqualTo(bytes(v, "shared_secret"));
  }

  @ParameterizedTest
  @MethodSource("backends")
  void ecdhXCoordinateIsTheCompressedPointWithoutItsPrefix(Secp256k1 backend) {
    JsonNode v = DISCV5.get("ecdh");
    byte[] privateKey = bytes(v, "secret_key");
    byte[] publicKey = backend.decode(bytes(v, "public_key"));
    assertThat(backend.agreeX(privateKey, publicKey))
        .isEqualTo(hex(v, "shared_secret").slice(1).toArrayUnsafe());
  }

  @ParameterizedTest
  @MethodSource("backends")
  void ecdhIsSymmetric(Secp256k1 backend) {
    byte[] a = PrivateKey.random().bytes().toArrayUnsafe();
    byte[] b = PrivateKey.random().bytes().toArrayUnsafe();
    assertThat(backend.agreeX(a, backend.publicKey(b)))
        .isEqualTo(backend.agreeX(b, backend.publicKey(a)));
  }

  @ParameterizedTest
  @MethodSource("backends")
  void signaturesAreLowSAndRecoverTheSigner(Secp256k1 backend) {
    byte[] privateKey = PrivateKey.random().bytes().toArrayUnsafe();
    byte[] publicKey = backend.publicKey(privateKey);
    // 20 hashes make both recovery ids appear with probability 1 - 2^-19.
    for (int i = 0; i < 20; i++) {
      byte[] hash = keccak(i);
      byte[] sig = backend.sign(hash, privateKey);
      assertThat(new BigInteger(1, Arrays.copyOfRange(sig, 32, 64)))
          .isLessThanOrEqualTo(N.shiftRight(1));
      assertThat(backend.recover(hash, sig)).isEqualTo(publicKey);
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void backendsAgreeOnEverySignature(Secp256k1 backend) {
    byte[] privateKey = PrivateKey.random().bytes().toArrayUnsafe();
    for (int i = 0; i < 20; i++) {
      byte[] hash = keccak(i, 7);
      assertThat(backend.sign(hash, privateKey))
          .isEqualTo(Secp256k1.bouncyCastle().sign(hash, privateKey));
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void highSSignatureIsRejected(Secp256k1 backend) {
    byte[] privateKey = PrivateKey.random().bytes().toArrayUnsafe();
    byte[] publicKey = backend.publicKey(privateKey);
    byte[] hash = keccak(1, 2, 3);
    byte[] sig = Arrays.copyOf(backend.sign(hash, privateKey), 64);
    BigInteger highS = N.subtract(new BigInteger(1, Arrays.copyOfRange(sig, 32, 64)));
    byte[] malleable = sig.clone();
    System.arraycopy(
        Bytes32.leftPad(Bytes.wrap(highS.toByteArray()).trimLeadingZeros()).toArrayUnsafe(),
        0,
        malleable,
        32,
        32);
    assertThat(backend.verify(hash, malleable, publicKey)).isFalse();
    assertThat(backend.verify(hash, sig, publicKey)).isTrue();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void signatureOfAnotherHashDoesNotVerify(Secp256k1 backend) {
    byte[] privateKey = PrivateKey.random().bytes().toArrayUnsafe();
    byte[] sig = Arrays.copyOf(backend.sign(keccak(1), privateKey), 64);
    assertThat(backend.verify(keccak(2), sig, backend.publicKey(privateKey))).isFalse();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void signatureWithROrSNotBelowTheOrderDoesNotVerify(Secp256k1 backend) {
    byte[] privateKey = PrivateKey.random().bytes().toArrayUnsafe();
    byte[] sig = new byte[64];
    Arrays.fill(sig, (byte) 0xff);
    assertThat(backend.verify(keccak(1), sig, backend.publicKey(privateKey))).isFalse();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void pointOffTheCurveIsRejected(Secp256k1 backend) {
    byte[] notOnCurve = new byte[64];
    notOnCurve[31] = 1;
    notOnCurve[63] = 1;
    byte[] privateKey = PrivateKey.random().bytes().toArrayUnsafe();
    assertThatThrownBy(() -> backend.compress(notOnCurve))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("not a point");
    assertThatThrownBy(() -> backend.agreeX(privateKey, notOnCurve))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("not a point");
    assertThatThrownBy(
            () -> backend.decode(Bytes.fromHexString("0x05" + "00".repeat(32)).toArrayUnsafe()))
        .isInstanceOf(InvalidKeyException.class);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void privateKeyOutOfRangeIsRejected(Secp256k1 backend) {
    assertThatThrownBy(() -> backend.publicKey(new byte[32]))
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(
            () ->
                backend.publicKey(
                    Bytes32.leftPad(Bytes.wrap(N.toByteArray()).trimLeadingZeros())
                        .toArrayUnsafe()))
        .isInstanceOf(InvalidKeyException.class);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void publicKeyFormsAgree(Secp256k1 backend) {
    byte[] publicKey = backend.publicKey(PrivateKey.random().bytes().toArrayUnsafe());
    byte[] uncompressed = Bytes.concatenate(Bytes.of(4), Bytes.wrap(publicKey)).toArrayUnsafe();
    assertThat(backend.decode(backend.compress(publicKey))).isEqualTo(publicKey);
    assertThat(backend.decode(uncompressed)).isEqualTo(publicKey);
  }

  @Test
  void nativeBackendIsChosenWhereItLoads() {
    assertThat(Backends.select("").name()).isEqualTo("libsecp256k1");
  }

  @Test
  void propertyForcesBouncyCastle() {
    assertThat(Backends.select("bouncycastle")).isSameAs(Secp256k1.bouncyCastle());
  }

  @Test
  void keccakIsNotSha3() {
    assertThat(Keccak256.hash(Bytes.EMPTY).toUnprefixedHexString())
        .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  }

  @Test
  void valueTypesRoundTripThroughTheBackendInUse() {
    PrivateKey key = PrivateKey.fromBytes(hex(ENR, "private_key"));
    Bytes32 hash = Bytes32.wrap(hex(ENR, "signing_hash_keccak256"));
    Signature sig = key.sign(hash);
    assertThat(sig.toCompact()).isEqualTo(hex(ENR.get("decoded"), "signature"));
    assertThat(sig.recover(hash)).isEqualTo(key.publicKey());
    assertThat(PublicKey.fromBytes(key.publicKey().compressed())).isEqualTo(key.publicKey());
  }

  @Test
  void publicKeyOfAnyOtherLengthIsRejected() {
    assertThatThrownBy(() -> PublicKey.fromBytes(Bytes.wrap(new byte[20])))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("33, 64 or 65");
  }

  @Test
  void privateKeyTextDoesNotLeakTheSecret() {
    PrivateKey key = PrivateKey.fromBytes(hex(ENR, "private_key"));
    assertThat(key.toString()).doesNotContain("b71c71a6");
  }
}
