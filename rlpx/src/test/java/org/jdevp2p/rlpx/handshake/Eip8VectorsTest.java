package org.jdevp2p.rlpx.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.Keccak256;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.Signature;
import org.jdevp2p.rlpx.MessageFrame;
import org.jdevp2p.rlpx.frame.FrameCodec;
import org.jdevp2p.testing.Vectors;
import org.junit.jupiter.api.Test;

/** The EIP-8 test vectors (vectors/rlpx-eip8.json): A initiates, B receives. */
class Eip8VectorsTest {
  private static final JsonNode V = Vectors.load("rlpx-eip8.json");
  private static final JsonNode KEYS = V.get("keys");
  private static final PrivateKey KEY_A = key("static_key_a");
  private static final PrivateKey KEY_B = key("static_key_b");
  private static final PrivateKey EPHEMERAL_A = key("ephemeral_key_a");
  private static final PrivateKey EPHEMERAL_B = key("ephemeral_key_b");
  private static final Bytes32 NONCE_A = Bytes32.wrap(Vectors.hex(KEYS, "nonce_a"));
  private static final Bytes32 NONCE_B = Bytes32.wrap(Vectors.hex(KEYS, "nonce_b"));

  private static PrivateKey key(String name) {
    return PrivateKey.fromBytes(Vectors.hex(KEYS, name));
  }

  private static JsonNode packet(String group, String name) {
    for (JsonNode p : V.get(group)) {
      if (p.get("name").asText().equals(name)) return p;
    }
    throw new IllegalArgumentException(name);
  }

  private static byte[] bytes(JsonNode node, String field) {
    return Vectors.hex(node, field).toArrayUnsafe();
  }

  @Test
  void derivedPublicKeysMatch() {
    JsonNode pub = V.get("derived_public_keys");
    assertThat(KEY_A.publicKey().bytes()).isEqualTo(Vectors.hex(pub, "static_pub_a"));
    assertThat(KEY_B.publicKey().bytes()).isEqualTo(Vectors.hex(pub, "static_pub_b"));
    assertThat(EPHEMERAL_A.publicKey().bytes()).isEqualTo(Vectors.hex(pub, "ephemeral_pub_a"));
    assertThat(EPHEMERAL_B.publicKey().bytes()).isEqualTo(Vectors.hex(pub, "ephemeral_pub_b"));
  }

  @Test
  void legacyAuth1DecryptsWithEmptySharedMacData() {
    JsonNode auth1 = packet("auth_packets", "Auth1");
    JsonNode d = auth1.get("decoded");
    byte[] p = bytes(auth1, "packet");
    Bytes plain = Bytes.wrap(Ecies.decrypt(KEY_B, p, 0, p.length, new byte[0]));

    assertThat(plain.size()).isEqualTo(d.get("plaintext_len").asInt());
    assertThat(plain.slice(0, 65)).isEqualTo(Vectors.hex(d, "signature"));
    assertThat(plain.slice(65, 32))
        .isEqualTo(Vectors.hex(d, "keccak256_initiator_ephemeral_pubkey"))
        .isEqualTo(Keccak256.hash(EPHEMERAL_A.publicKey().bytes()));
    assertThat(plain.slice(97, 64)).isEqualTo(Vectors.hex(d, "initiator_pubkey"));
    assertThat(plain.slice(161, 32)).isEqualTo(Vectors.hex(d, "initiator_nonce"));
    assertThat(plain.slice(193, 1)).isEqualTo(Vectors.hex(d, "token_flag"));
  }

  @Test
  void legacyAck1DecryptsWithEmptySharedMacData() {
    JsonNode ack1 = packet("ack_packets", "Ack1");
    JsonNode d = ack1.get("decoded");
    byte[] p = bytes(ack1, "packet");
    Bytes plain = Bytes.wrap(Ecies.decrypt(KEY_A, p, 0, p.length, new byte[0]));

    assertThat(plain.size()).isEqualTo(d.get("plaintext_len").asInt());
    assertThat(plain.slice(0, 64)).isEqualTo(Vectors.hex(d, "recipient_ephemeral_pubkey"));
    assertThat(plain.slice(64, 32)).isEqualTo(Vectors.hex(d, "recipient_nonce"));
    assertThat(plain.slice(96, 1)).isEqualTo(Vectors.hex(d, "token_flag"));
  }

  @Test
  void eip8AuthPacketsDecodeToTheirFields() {
    for (String name : new String[] {"Auth2", "Auth3"}) {
      JsonNode vector = packet("auth_packets", name);
      JsonNode d = vector.get("decoded");
      Bytes plain = Handshake.open(KEY_B, bytes(vector, "packet"));
      AuthMessage auth = AuthMessage.decode(plain);

      assertThat(plain.size() - d.get("auth_body_rlp_len").asInt())
          .isEqualTo(d.get("padding_len").asInt());
      assertThat(auth.signature().toRecoverable()).isEqualTo(Vectors.hex(d, "signature"));
      assertThat(auth.initiatorKey().bytes()).isEqualTo(Vectors.hex(d, "initiator_pubkey"));
      assertThat(auth.nonce()).isEqualTo(Vectors.hex(d, "initiator_nonce"));
      assertThat(auth.version()).isEqualTo(d.get("auth_vsn").asInt());
      // Auth3's extra elements belong to auth-vsn 56, not to our expiration extension.
      assertThat(auth.expiration()).isEmpty();
    }
  }

  @Test
  void eip8AckPacketsDecodeToTheirFields() {
    for (String name : new String[] {"Ack2", "Ack3"}) {
      JsonNode vector = packet("ack_packets", name);
      JsonNode d = vector.get("decoded");
      Bytes plain = Handshake.open(KEY_A, bytes(vector, "packet"));
      AckMessage ack = AckMessage.decode(plain);

      assertThat(plain.size() - d.get("ack_body_rlp_len").asInt())
          .isEqualTo(d.get("padding_len").asInt());
      assertThat(ack.ephemeralKey().bytes())
          .isEqualTo(Vectors.hex(d, "recipient_ephemeral_pubkey"));
      assertThat(ack.nonce()).isEqualTo(Vectors.hex(d, "recipient_nonce"));
      assertThat(ack.version()).isEqualTo(d.get("ack_vsn").asInt());
    }
  }

  @Test
  void authSignatureRecoversInitiatorEphemeralKeyFromStaticSharedSecretXorNonce() {
    // The vector's signature used a random ECDSA nonce, ours are RFC 6979: both must recover the
    // ephemeral key from the same signed value.
    JsonNode d = V.get("derived_intermediates");
    Bytes32 staticShared = KEY_A.agreeX(KEY_B.publicKey());
    Bytes32 signed = Bytes32.wrap(staticShared.xor(NONCE_A));
    Signature vectorSignature = Signature.fromRecoverable(Vectors.hex(d, "auth_signature"));

    assertThat(staticShared).isEqualTo(Vectors.hex(d, "static_shared_secret"));
    assertThat(signed).isEqualTo(Vectors.hex(d, "auth_signed_message_static_xor_nonce_a"));
    assertThat(vectorSignature.recover(signed)).isEqualTo(EPHEMERAL_A.publicKey());
    assertThat(EPHEMERAL_A.sign(signed).recover(signed)).isEqualTo(EPHEMERAL_A.publicKey());
  }

  @Test
  void responderRecoversInitiatorEphemeralKeyAndDerivesTheVectorSecrets() {
    Handshake.Response response =
        new Handshake.Responder(KEY_B, HandshakeConfig.defaults(), new AuthReplayCache())
            .respond(bytes(packet("auth_packets", "Auth2"), "packet"), EPHEMERAL_B, NONCE_B);
    JsonNode s = V.get("secrets_for_auth2_ack2");

    assertThat(response.secrets().remoteKey()).isEqualTo(KEY_A.publicKey());
    assertThat(response.secrets().aesSecret()).isEqualTo(Vectors.hex(s, "aes_secret"));
    assertThat(response.secrets().macSecret()).isEqualTo(Vectors.hex(s, "mac_secret"));
    Bytes foo = Bytes.wrap("foo".getBytes(StandardCharsets.US_ASCII));
    assertThat(Keccak256.hash(Bytes.concatenate(response.secrets().ingressMacSeed(), foo)))
        .isEqualTo(Vectors.hex(s, "b_ingress_mac_after_update_foo"));
  }

  @Test
  void bothSidesDeriveTheVectorIntermediatesAndMacStates() {
    JsonNode d = V.get("derived_intermediates");
    JsonNode macs = d.get("initial_mac_digests_auth2_ack2");
    Secrets a = initiatorSecrets();
    Secrets b = recipientSecrets();

    assertThat(EPHEMERAL_A.agreeX(EPHEMERAL_B.publicKey()))
        .isEqualTo(Vectors.hex(d, "ephemeral_key"));
    assertThat(Keccak256.hash(Bytes.concatenate(NONCE_B, NONCE_A)))
        .isEqualTo(Vectors.hex(d, "keccak_nonce_b_nonce_a"));
    assertThat(a.aesSecret()).isEqualTo(b.aesSecret());
    assertThat(a.macSecret()).isEqualTo(b.macSecret());
    Bytes aToB = Vectors.hex(macs, "initiator_egress_eq_recipient_ingress");
    Bytes bToA = Vectors.hex(macs, "initiator_ingress_eq_recipient_egress");
    assertThat(Keccak256.hash(a.egressMacSeed())).isEqualTo(aToB);
    assertThat(Keccak256.hash(b.ingressMacSeed())).isEqualTo(aToB);
    assertThat(Keccak256.hash(a.ingressMacSeed())).isEqualTo(bToA);
    assertThat(Keccak256.hash(b.egressMacSeed())).isEqualTo(bToA);
  }

  @Test
  void recipientFirstFrameMatchesTheDerivedVectorAndInitiatorReadsIt() {
    JsonNode f = V.get("derived_first_frame");
    Bytes frameData = Vectors.hex(f, "frame_data");
    ByteBuf payload = Unpooled.wrappedBuffer(frameData.slice(1).toArrayUnsafe());
    FrameCodec recipient = new FrameCodec(recipientSecrets(), HandshakeConfig.MAX_FRAME_SIZE);
    FrameCodec initiator = new FrameCodec(initiatorSecrets(), HandshakeConfig.MAX_FRAME_SIZE);

    ByteBuf frame = recipient.encode(0, payload, Unpooled.buffer().alloc());
    assertThat(Bytes.wrapByteBuf(frame.copy())).isEqualTo(Vectors.hex(f, "frame"));
    MessageFrame decoded = initiator.decode(frame, frame.alloc());
    try {
      assertThat(decoded.code()).isZero();
      assertThat(Bytes.wrapByteBuf(decoded.payload())).isEqualTo(frameData.slice(1));
    } finally {
      decoded.release();
      frame.release();
      payload.release();
    }
  }

  @Test
  void gethFrameVectorCiphertextsMatch() {
    // geth's TestFrameReadWrite fakes the MAC hash; AES-256-CTR with one keystream for header
    // and body is what it checks, so we compare the two ciphertext blocks only.
    JsonNode g = V.get("geth_frame_vector");
    Bytes32 secret = Bytes32.wrap(Vectors.hex(g, "aes_secret"));
    Secrets secrets =
        Secrets.of(
            KEY_A.publicKey(),
            secret,
            Bytes32.wrap(Vectors.hex(g, "mac_secret")),
            Bytes.EMPTY,
            Bytes.EMPTY);
    ByteBuf payload = Unpooled.wrappedBuffer(Vectors.hex(g, "msg_payload").toArrayUnsafe());
    ByteBuf frame =
        new FrameCodec(secrets, HandshakeConfig.MAX_FRAME_SIZE)
            .encode(g.get("msg_code").asInt(), payload, Unpooled.buffer().alloc());
    Bytes expected = Vectors.hex(g, "frame");
    Bytes actual = Bytes.wrapByteBuf(frame.copy());
    frame.release();

    assertThat(actual.size()).isEqualTo(expected.size());
    assertThat(actual.slice(0, 16)).isEqualTo(expected.slice(0, 16));
    assertThat(actual.slice(32, 16)).isEqualTo(expected.slice(32, 16));
  }

  private static Secrets initiatorSecrets() {
    return Secrets.derive(
        true,
        EPHEMERAL_A,
        EPHEMERAL_B.publicKey(),
        NONCE_A,
        NONCE_B,
        bytes(packet("auth_packets", "Auth2"), "packet"),
        bytes(packet("ack_packets", "Ack2"), "packet"),
        KEY_B.publicKey());
  }

  private static Secrets recipientSecrets() {
    return Secrets.derive(
        false,
        EPHEMERAL_B,
        EPHEMERAL_A.publicKey(),
        NONCE_A,
        NONCE_B,
        bytes(packet("auth_packets", "Auth2"), "packet"),
        bytes(packet("ack_packets", "Ack2"), "packet"),
        KEY_A.publicKey());
  }
}
