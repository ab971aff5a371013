package org.jdevp2p.rlpx.handshake;

import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPException;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.rlpx.FailureReason;
import org.jdevp2p.rlpx.RlpxException;

/**
 * The recipient's handshake answer, EIP-8 form: {@code [recipient-ephemeral-pubk, recipient-nonce,
 * ack-vsn, ...]}.
 *
 * @param ephemeralKey the recipient's ephemeral public key
 * @param nonce the recipient nonce
 * @param version ack-vsn (any value is tolerated, EIP-8)
 */
public record AckMessage(PublicKey ephemeralKey, Bytes32 nonce, int version) {

  /** ack-vsn as geth sends it. */
  public static final int VERSION = 4;

  /** The RLP list, without padding. */
  public Bytes encode() {
    return RLP.encodeList(
        w -> {
          w.writeValue(ephemeralKey.bytes());
          w.writeValue(nonce);
          w.writeInt(version);
        });
  }

  /** Reads the first RLP list of a decrypted ack body, ignoring padding and extra elements. */
  public static AckMessage decode(Bytes plaintext) {
    try {
      return RLP.decodeList(
          plaintext,
          r ->
              new AckMessage(
                  PublicKey.fromBytes(
                      AuthMessage.fixed(r.readValue(), 64, "recipient ephemeral key")),
                  Bytes32.wrap(AuthMessage.fixed(r.readValue(), 32, "recipient nonce")),
                  r.readInt()));
    } catch (RLPException | IllegalArgumentException e) {
      // IllegalArgumentException: tuweni on empty input, InvalidKeyException for keys and v
      throw new RlpxException(FailureReason.HANDSHAKE_MALFORMED, "ack: " + e.getMessage(), e);
    }
  }
}
