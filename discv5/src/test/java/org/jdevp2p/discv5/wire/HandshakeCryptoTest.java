package org.jdevp2p.discv5.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdevp2p.discv5.wire.WireVectors.crypto;
import static org.jdevp2p.discv5.wire.WireVectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.node.NodeId;
import org.junit.jupiter.api.Test;

/** The crypto vectors of discv5-wire-test-vectors.md, one assertion each. */
class HandshakeCryptoTest {

  @Test
  void ecdhIsTheCompressedSharedPoint() {
    JsonNode v = crypto("ecdh");
    Bytes secret =
        HandshakeCrypto.ecdh(
            PrivateKey.fromBytes(hex(v, "secret_key")), PublicKey.fromBytes(hex(v, "public_key")));
    assertThat(secret).isEqualTo(hex(v, "shared_secret"));
  }

  @Test
  void keyDerivationGivesTheVectorKeys() {
    JsonNode v = crypto("key_derivation");
    HandshakeCrypto.SessionKeys keys = deriveKeys(v);
    assertThat(keys.initiatorKey()).isEqualTo(hex(v, "initiator_key"));
    assertThat(keys.recipientKey()).isEqualTo(hex(v, "recipient_key"));
  }

  @Test
  void keyDerivationWithSaltAndKeyMaterialSwappedGivesTheTrapValue() {
    JsonNode v = crypto("key_derivation");
    Bytes secret =
        HandshakeCrypto.ecdh(
            PrivateKey.fromBytes(hex(v, "ephemeral_key")),
            PublicKey.fromBytes(hex(v, "dest_pubkey")));
    HandshakeCrypto.SessionKeys swapped =
        HandshakeCrypto.deriveKeys(
            hex(v, "challenge_data"),
            secret,
            NodeId.fromBytes(hex(v, "node_id_a")),
            NodeId.fromBytes(hex(v, "node_id_b")));
    assertThat(swapped.initiatorKey())
        .isEqualTo(hex(v, "wrong_if_salt_and_ikm_swapped_initiator_key"))
        .isNotEqualTo(deriveKeys(v).initiatorKey());
  }

  @Test
  void idSignatureHashIsTheVectorHash() {
    JsonNode v = crypto("id_nonce_signing");
    assertThat(
            HandshakeCrypto.idSignatureHash(
                hex(v, "challenge_data"),
                hex(v, "ephemeral_pubkey"),
                NodeId.fromBytes(hex(v, "node_id_b"))))
        .isEqualTo(hex(v, "derived_signing_hash"));
  }

  @Test
  void idSignatureIsTheVectorSignature() {
    JsonNode v = crypto("id_nonce_signing");
    Bytes signature =
        HandshakeCrypto.signId(
            PrivateKey.fromBytes(hex(v, "static_key")),
            hex(v, "challenge_data"),
            hex(v, "ephemeral_pubkey"),
            NodeId.fromBytes(hex(v, "node_id_b")));
    assertThat(signature).isEqualTo(hex(v, "id_signature"));
  }

  @Test
  void idSignatureVerifiesAgainstTheSignersKey() {
    JsonNode v = crypto("id_nonce_signing");
    assertThat(
            HandshakeCrypto.verifyId(
                PrivateKey.fromBytes(hex(v, "static_key")).publicKey(),
                hex(v, "id_signature"),
                hex(v, "challenge_data"),
                hex(v, "ephemeral_pubkey"),
                NodeId.fromBytes(hex(v, "node_id_b"))))
        .isTrue();
  }

  @Test
  void idSignatureDoesNotVerifyForAnotherRecipient() {
    JsonNode v = crypto("id_nonce_signing");
    assertThat(
            HandshakeCrypto.verifyId(
                PrivateKey.fromBytes(hex(v, "static_key")).publicKey(),
                hex(v, "id_signature"),
                hex(v, "challenge_data"),
                hex(v, "ephemeral_pubkey"),
                WireVectors.ID_A))
        .isFalse();
  }

  @Test
  void aesGcmSealsToTheVectorCiphertext() {
    JsonNode v = crypto("aes_gcm");
    byte[] pt = hex(v, "pt").toArrayUnsafe();
    byte[] ad = hex(v, "ad").toArrayUnsafe();
    byte[] out = new byte[pt.length + WireCipher.TAG_SIZE];
    new WireCipher()
        .seal(
            WireCipher.key(hex(v, "encryption_key").toArrayUnsafe(), 0),
            hex(v, "nonce").toArrayUnsafe(),
            ad,
            ad.length,
            pt,
            0,
            pt.length,
            out,
            0);
    assertThat(Bytes.wrap(out)).isEqualTo(hex(v, "message_ciphertext"));
  }

  @Test
  void aesGcmOpensTheVectorCiphertext() {
    JsonNode v = crypto("aes_gcm");
    byte[] ct = hex(v, "message_ciphertext").toArrayUnsafe();
    byte[] pt =
        new WireCipher()
            .open(
                WireCipher.key(hex(v, "encryption_key").toArrayUnsafe(), 0),
                hex(v, "nonce").toArrayUnsafe(),
                hex(v, "ad").toArrayUnsafe(),
                ct,
                0,
                ct.length);
    assertThat(Bytes.wrap(pt)).isEqualTo(hex(v, "pt"));
  }

  private static HandshakeCrypto.SessionKeys deriveKeys(JsonNode v) {
    Bytes secret =
        HandshakeCrypto.ecdh(
            PrivateKey.fromBytes(hex(v, "ephemeral_key")),
            PublicKey.fromBytes(hex(v, "dest_pubkey")));
    return HandshakeCrypto.deriveKeys(
        secret,
        hex(v, "challenge_data"),
        NodeId.fromBytes(hex(v, "node_id_a")),
        NodeId.fromBytes(hex(v, "node_id_b")));
  }
}
