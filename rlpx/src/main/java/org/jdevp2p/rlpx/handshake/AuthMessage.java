package org.jdevp2p.rlpx.handshake;

import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPException;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.crypto.Signature;
import org.jdevp2p.rlpx.FailureReason;
import org.jdevp2p.rlpx.RlpxException;

/**
 * The initiator's first handshake message, EIP-8 form: {@code [sig, initiator-pubk,
 * initiator-nonce, auth-vsn, ...]}.
 *
 * <p>Our extension appends one element after the EIP-8 fields: the expiration time in unix seconds.
 * It is read only when {@code auth-vsn} is {@value #VERSION}, the version that defines it; a peer
 * with a higher version may append other things there, which EIP-8 says to ignore.
 *
 * @param signature recoverable signature by the initiator's ephemeral key of {@code
 *     static-shared-secret ^ nonce}
 * @param initiatorKey the initiator's static public key
 * @param nonce the initiator nonce
 * @param version auth-vsn (any value is tolerated, EIP-8)
 * @param expiration unix seconds after which the auth is void, when the initiator sent one
 */
public record AuthMessage(
    Signature signature,
    PublicKey initiatorKey,
    Bytes32 nonce,
    int version,
    OptionalLong expiration) {

  /** auth-vsn of RLPx v5 as geth sends it; also the version our expiration element belongs to. */
  public static final int VERSION = 4;

  /** The RLP list, without padding. */
  public Bytes encode() {
    return RLP.encodeList(
        w -> {
          w.writeValue(signature.toRecoverable());
          w.writeValue(initiatorKey.bytes());
          w.writeValue(nonce);
          w.writeInt(version);
          expiration.ifPresent(w::writeLong);
        });
  }

  /**
   * Reads the first RLP list of a decrypted auth body, ignoring what follows it (padding) and
   * elements after the ones we know (EIP-8). Rejects non-canonical RLP and keys off the curve.
   */
  public static AuthMessage decode(Bytes plaintext) {
    try {
      return RLP.decodeList(
          plaintext,
          r -> {
            Signature signature = Signature.fromRecoverable(r.readValue());
            PublicKey key = PublicKey.fromBytes(fixed(r.readValue(), 64, "initiator key"));
            Bytes32 nonce = Bytes32.wrap(fixed(r.readValue(), 32, "initiator nonce"));
            int version = r.readInt();
            OptionalLong expiration =
                version == VERSION && !r.isComplete()
                    ? OptionalLong.of(r.readLong())
                    : OptionalLong.empty();
            return new AuthMessage(signature, key, nonce, version, expiration);
          });
    } catch (RLPException | IllegalArgumentException e) {
      // IllegalArgumentException: tuweni on empty input, InvalidKeyException for keys and v
      throw new RlpxException(FailureReason.HANDSHAKE_MALFORMED, "auth: " + e.getMessage(), e);
    }
  }

  static Bytes fixed(Bytes value, int size, String what) {
    if (value.size() != size) {
      throw new RlpxException(
          FailureReason.HANDSHAKE_MALFORMED,
          what + " must be " + size + " bytes, got " + value.size());
    }
    return value;
  }
}
