package org.jdevp2p.rlpx;

import org.jdevp2p.crypto.PublicKey;

/**
 * The user event the handshake stage fires once the secrets are agreed and the framing handler has
 * taken its place: from here on the pipeline reads and writes {@link MessageFrame}s.
 *
 * @param remoteKey the peer's static public key (for an initiator, the key it dialed)
 * @param initiator whether this side opened the connection
 */
public record HandshakeCompleted(PublicKey remoteKey, boolean initiator) {}
