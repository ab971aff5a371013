package org.jdevp2p.discv5;

import java.net.InetSocketAddress;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.discv5.wire.MessageCodec;
import org.jdevp2p.discv5.wire.Packet;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * The simulation's test switch: a {@link Codec} without the handshake crypto. A datagram is the
 * sender's node id followed by the message as {@link MessageCodec} encodes it (so sizes and the
 * 1280-byte limit stay real), and the receiver gets the sender's very {@link Message} object back
 * from the shared {@link Wire}: records inside it are the objects the sender held, never decoded or
 * verified again.
 *
 * <p>What it skips: WHOAREYOU challenges, ECDH, HKDF, AES-GCM, id-nonce signatures and record
 * signature checks. What it keeps: everything above the codec ({@link Protocol}'s requests,
 * handlers, table, lookups). The first message to a peer without a "session" carries the sender's
 * record, as a handshake packet does, so the receiver's table learns the sender exactly as it would
 * after a real handshake; sessions are remembered up to the configured session cache size.
 */
final class PlainCodec implements Codec {
  /**
   * The messages in flight on one simulated network, by datagram identity: the transport hands the
   * very {@code Bytes} object a codec sealed to the receiver's codec. Single-threaded.
   */
  static final class Wire {
    private record Envelope(NodeId sender, Message message, Optional<NodeRecord> senderRecord) {}

    private final Map<Bytes, Envelope> inFlight = new IdentityHashMap<>();

    Bytes seal(NodeId from, Message message, Optional<NodeRecord> senderRecord) {
      Bytes datagram = Bytes.concatenate(from.bytes(), MessageCodec.encode(message));
      inFlight.put(datagram, new Envelope(from, message, senderRecord));
      return datagram;
    }

    /** The datagram will never arrive (lost, or no node at its address). */
    void discard(Bytes datagram) {
      inFlight.remove(datagram);
    }

    /** Messages sent and not yet delivered or discarded. */
    int inFlight() {
      return inFlight.size();
    }

    /** The message a datagram in flight carries. */
    Message message(Bytes datagram) {
      return inFlight.get(datagram).message();
    }

    private Envelope open(Bytes datagram) throws DropException {
      Envelope e = inFlight.remove(datagram);
      if (e == null) {
        throw new DropException(DropReason.MALFORMED_PACKET, "not a datagram of this network");
      }
      return e;
    }
  }

  private final LocalNode local;
  private final Wire wire;
  private final Map<NodeId, Boolean> sessions;
  private long nonces; // unique per packet: Protocol keys its calls by nonce

  PlainCodec(LocalNode local, Wire wire, int sessionCacheSize) {
    this.local = local;
    this.wire = wire;
    this.sessions =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<NodeId, Boolean> eldest) {
            return size() > sessionCacheSize;
          }
        };
  }

  @Override
  public Inbound decode(Bytes datagram, InetSocketAddress from) throws DropException {
    Wire.Envelope e = wire.open(datagram);
    // the id the datagram starts with, as the sender's own object: its hash is cached already
    sessions.put(e.sender(), Boolean.TRUE);
    return new Received(e.sender(), e.message(), e.senderRecord());
  }

  @Override
  public Outbound encode(NodeAddress to, Message message) {
    boolean handshake = sessions.put(to.id(), Boolean.TRUE) == null;
    Optional<NodeRecord> record = handshake ? Optional.of(local.record()) : Optional.empty();
    Bytes datagram = wire.seal(local.id(), message, record);
    PacketKind kind = handshake ? PacketKind.HANDSHAKE : PacketKind.ORDINARY;
    return new Outbound(datagram, Bytes.ofUnsignedLong(nonces++), kind, false);
  }

  @Override
  public Outbound encodeHandshake(
      NodeAddress to, NodeRecord node, Packet.WhoAreYou challenge, Message message) {
    throw new IllegalStateException("no challenges on a plain wire");
  }

  @Override
  public Outbound challenge(NodeAddress to, Bytes nonce, Optional<NodeRecord> known) {
    throw new IllegalStateException("no challenges on a plain wire");
  }

  @Override
  public int sessionCount() {
    return sessions.size();
  }

  @Override
  public void expire() {}
}
