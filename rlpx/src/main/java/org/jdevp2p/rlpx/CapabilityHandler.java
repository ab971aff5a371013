package org.jdevp2p.rlpx;

import org.apache.tuweni.bytes.Bytes;

/**
 * Runs one sub-protocol ({@link Capability}) for every peer that shares it. All three methods are
 * called on the peer's event loop thread, one at a time per peer, so per-peer state needs no locks;
 * they must not block (a slow handler delays every peer on that loop, and this peer's reads).
 */
public interface CapabilityHandler {

  /** The peer shares our capability; the Hellos are exchanged. Send the first message here. */
  default void onConnect(PeerConnection peer) {}

  /**
   * A message of this capability. {@code code} is relative to the capability (0 is its first
   * message); {@code payload} is the decompressed RLP. Throwing disconnects the peer with reason
   * "subprotocol error" (0x10), as geth does for an error that is not a disconnect reason.
   */
  void onMessage(PeerConnection peer, int code, Bytes payload) throws Exception;

  /** The connection is gone (after {@link #onConnect}, never without it). */
  default void onDisconnect(PeerConnection peer, Disconnection disconnection) {}
}
