package org.jdevp2p.rlpx.handshake;

import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.Keccak256;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.PublicKey;

/**
 * What a finished handshake agreed on (spec rlpx.md, "Secrets"): the AES and MAC secrets and the
 * initial egress and ingress MAC states (as the bytes their sponges absorb first), plus the peer's
 * static key. The frame codec is built from this.
 */
public final class Secrets {
  private final PublicKey remoteKey;
  private final Bytes32 aesSecret;
  private final Bytes32 macSecret;
  private final Bytes egressMacSeed;
  private final Bytes ingressMacSeed;

  private Secrets(
      PublicKey remoteKey,
      Bytes32 aesSecret,
      Bytes32 macSecret,
      Bytes egressMacSeed,
      Bytes ingressMacSeed) {
    this.remoteKey = remoteKey;
    this.aesSecret = aesSecret;
    this.macSecret = macSecret;
    this.egressMacSeed = egressMacSeed;
    this.ingressMacSeed = ingressMacSeed;
  }

  /**
   * Secrets from known values, for tests and benchmarks; a connection gets its secrets from {@link
   * Handshake}.
   */
  public static Secrets of(
      PublicKey remoteKey,
      Bytes32 aesSecret,
      Bytes32 macSecret,
      Bytes egressMacSeed,
      Bytes ingressMacSeed) {
    return new Secrets(remoteKey, aesSecret, macSecret, egressMacSeed, ingressMacSeed);
  }

  /**
   * Derives the secrets, the same way on both sides.
   *
   * @param initiator whether we opened the connection
   * @param ephemeralKey our ephemeral private key
   * @param remoteEphemeralKey the peer's ephemeral public key
   * @param initiatorNonce the nonce of the auth
   * @param recipientNonce the nonce of the ack
   * @param authPacket the auth exactly as on the wire, size prefix included
   * @param ackPacket the ack exactly as on the wire, size prefix included
   * @param remoteKey the peer's static public key
   */
  static Secrets derive(
      boolean initiator,
      PrivateKey ephemeralKey,
      PublicKey remoteEphemeralKey,
      Bytes32 initiatorNonce,
      Bytes32 recipientNonce,
      byte[] authPacket,
      byte[] ackPacket,
      PublicKey remoteKey) {
    Bytes32 ephemeralShared = ephemeralKey.agreeX(remoteEphemeralKey);
    // The recipient nonce comes first (geth: Keccak256(respNonce, initNonce)).
    Bytes32 sharedSecret =
        Keccak256.hash(
            Bytes.concatenate(
                ephemeralShared,
                Keccak256.hash(Bytes.concatenate(recipientNonce, initiatorNonce))));
    Bytes32 aesSecret = Keccak256.hash(Bytes.concatenate(ephemeralShared, sharedSecret));
    Bytes32 macSecret = Keccak256.hash(Bytes.concatenate(ephemeralShared, aesSecret));
    // egress-mac = keccak(mac-secret ^ remote-nonce || packet we sent);
    // ingress-mac = keccak(mac-secret ^ own-nonce || packet we received).
    Bytes authMac = seed(macSecret, recipientNonce, authPacket);
    Bytes ackMac = seed(macSecret, initiatorNonce, ackPacket);
    return initiator
        ? new Secrets(remoteKey, aesSecret, macSecret, authMac, ackMac)
        : new Secrets(remoteKey, aesSecret, macSecret, ackMac, authMac);
  }

  private static Bytes seed(Bytes32 macSecret, Bytes32 nonce, byte[] packet) {
    return Bytes.concatenate(macSecret.xor(nonce), Bytes.wrap(packet.clone()));
  }

  /** The peer's static public key. */
  public PublicKey remoteKey() {
    return remoteKey;
  }

  /** Key of the AES-256-CTR frame ciphers (both directions). */
  public Bytes32 aesSecret() {
    return aesSecret;
  }

  /** Key of the AES-256-ECB block cipher of the frame MACs. */
  public Bytes32 macSecret() {
    return macSecret;
  }

  /**
   * What the egress MAC sponge absorbs first: {@code (mac-secret ^ remote nonce) || the handshake
   * packet we sent}, size prefix included.
   */
  public Bytes egressMacSeed() {
    return egressMacSeed;
  }

  /**
   * What the ingress MAC sponge absorbs first: {@code (mac-secret ^ own nonce) || packet received}.
   */
  public Bytes ingressMacSeed() {
    return ingressMacSeed;
  }
}
