package org.jdevp2p.discv5.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.node.NodeId;

/**
 * The handshake cryptography of discv5-theory.md "Handshake Steps" for the "v4" identity scheme:
 * ECDH on the compressed shared point, HKDF-SHA256 key derivation, and the id-signature.
 */
final class HandshakeCrypto {
  private static final byte[] KEY_AGREEMENT_INFO =
      "discovery v5 key agreement".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ID_SIGNATURE_TEXT =
      "discovery v5 identity proof".getBytes(StandardCharsets.US_ASCII);

  /** The two session keys, from the initiator's point of view. */
  record SessionKeys(Bytes initiatorKey, Bytes recipientKey) {}

  private HandshakeCrypto() {}

  /** ecdh(pubkey, privkey): the 33-byte compressed shared point, not only its x coordinate. */
  static Bytes ecdh(PrivateKey privateKey, PublicKey publicKey) {
    return privateKey.agreeCompressed(publicKey);
  }

  /**
   * HKDF-SHA256 with salt = challenge-data, IKM = the ECDH secret, info = "discovery v5 key
   * agreement" || node-id-A || node-id-B; 32 bytes split into initiator-key and recipient-key.
   */
  static SessionKeys deriveKeys(
      Bytes secret, Bytes challengeData, NodeId initiator, NodeId recipient) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      // HKDF-Extract: PRK = HMAC(salt, IKM)
      hmac.init(new SecretKeySpec(challengeData.toArrayUnsafe(), "HmacSHA256"));
      byte[] prk = hmac.doFinal(secret.toArrayUnsafe());
      // HKDF-Expand for 32 bytes, a single block: T(1) = HMAC(PRK, info || 0x01)
      hmac.init(new SecretKeySpec(prk, "HmacSHA256"));
      hmac.update(KEY_AGREEMENT_INFO);
      hmac.update(initiator.bytes().toArrayUnsafe());
      hmac.update(recipient.bytes().toArrayUnsafe());
      hmac.update((byte) 1);
      Bytes okm = Bytes.wrap(hmac.doFinal());
      return new SessionKeys(okm.slice(0, WireCipher.KEY_SIZE), okm.slice(WireCipher.KEY_SIZE));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }

  /**
   * sha256("discovery v5 identity proof" || challenge-data || ephemeral-pubkey || node-id-B): what
   * the initiator signs with its static key, binding the challenge, its ephemeral key and the
   * recipient.
   */
  static Bytes32 idSignatureHash(Bytes challengeData, Bytes ephemeralKey, NodeId recipient) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(ID_SIGNATURE_TEXT);
      sha256.update(challengeData.toArrayUnsafe());
      sha256.update(ephemeralKey.toArrayUnsafe());
      sha256.update(recipient.bytes().toArrayUnsafe());
      return Bytes32.wrap(sha256.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** The 64-byte r || s id-signature (deterministic, low S). */
  static Bytes signId(
      PrivateKey staticKey, Bytes challengeData, Bytes ephemeralKey, NodeId recipient) {
    return staticKey.sign(idSignatureHash(challengeData, ephemeralKey, recipient)).toCompact();
  }

  /** Checks an id-signature against the initiator's static key; high-S signatures fail. */
  static boolean verifyId(
      PublicKey staticKey,
      Bytes signature,
      Bytes challengeData,
      Bytes ephemeralKey,
      NodeId recipient) {
    return staticKey.verify(idSignatureHash(challengeData, ephemeralKey, recipient), signature);
  }
}
