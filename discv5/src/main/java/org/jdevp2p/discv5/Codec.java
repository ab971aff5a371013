package org.jdevp2p.discv5;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.discv5.wire.Packet;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * The seam between the protocol logic and packets, after geth's {@code codecV5} in v5_udp.go:
 * sessions, challenges and crypto on one side; requests, handlers, table and lookups on the other.
 * Called only from the event loop.
 */
interface Codec {

  /** What one datagram turned out to be. */
  sealed interface Inbound permits Received, Undecryptable, Challenged {}

  /**
   * A message from a node.
   *
   * @param handshakeNode the sender's record when this packet completed a handshake with us
   */
  record Received(NodeId from, Message message, Optional<NodeRecord> handshakeNode)
      implements Inbound {}

  /**
   * A packet that no session of ours opens: its sender should be challenged.
   *
   * @param hadSession true when a session existed and the packet failed its AES-GCM check
   */
  record Undecryptable(NodeId from, Bytes nonce, boolean hadSession) implements Inbound {}

  /** A WHOAREYOU challenge: some packet of ours needs a handshake. */
  record Challenged(Packet.WhoAreYou whoAreYou) implements Inbound {}

  /**
   * A packet to send, with its nonce (to match a WHOAREYOU to the request it answers).
   *
   * @param startsHandshake true for a random packet sent because we hold no session with the peer
   */
  record Outbound(Bytes packet, Bytes nonce, PacketKind kind, boolean startsHandshake) {}

  /** Opens a datagram; a handshake needs the challenge we sent its sender. */
  Inbound decode(Bytes datagram, InetSocketAddress from) throws DropException;

  /** Seals a message under the peer's session, or as a random packet that starts a handshake. */
  Outbound encode(NodeAddress to, Message message);

  /**
   * Answers a challenge: derives a session with the node, stores it, and seals the message as a
   * handshake packet (carrying our record if the challenge showed an older one).
   */
  Outbound encodeHandshake(
      NodeAddress to, NodeRecord node, Packet.WhoAreYou challenge, Message message);

  /**
   * A WHOAREYOU for the packet with this nonce. While a challenge for the peer is pending, that
   * same challenge again (geth): the peer must finish the handshake it began.
   */
  Outbound challenge(NodeAddress to, Bytes nonce, Optional<NodeRecord> known);

  /** Sessions held. */
  int sessionCount();

  /** Forgets expired state (challenges). */
  void expire();
}
