package org.jdevp2p.discv5;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.discv5.wire.Packet;
import org.jdevp2p.discv5.wire.PacketCodec;
import org.jdevp2p.discv5.wire.PacketDecodeException;
import org.jdevp2p.discv5.wire.Session;
import org.jdevp2p.enr.NodeRecord;

/**
 * The {@link Codec} over the wire layer: {@link PacketCodec} for bytes and crypto, {@link Sessions}
 * for what we remember between packets (the session handshake state machine of discv5-theory
 * "Sessions", as geth runs it).
 */
final class WireCodec implements Codec {
  private final LocalNode local;
  private final PacketCodec packets;
  private final Sessions sessions;

  WireCodec(LocalNode local, DiscoveryConfig config, RandomGenerator random) {
    this.local = local;
    this.packets = new PacketCodec(local.key(), random);
    this.sessions =
        new Sessions(config.sessionCacheSize(), config.handshakeTimeout(), config.clock());
  }

  @Override
  public Inbound decode(Bytes datagram, InetSocketAddress from) throws DropException {
    Packet packet;
    try {
      packet = packets.decode(datagram);
    } catch (PacketDecodeException e) {
      throw new DropException(dropReason(e.reason()), e.getMessage());
    }
    return switch (packet) {
      case Packet.Ordinary p -> decodeOrdinary(p, new NodeAddress(p.srcId(), from));
      case Packet.WhoAreYou w -> new Challenged(w);
      case Packet.Handshake h -> decodeHandshake(h, new NodeAddress(h.srcId(), from));
    };
  }

  private Inbound decodeOrdinary(Packet.Ordinary p, NodeAddress peer) throws DropException {
    Optional<Sessions.Keys> keys = sessions.keys(peer);
    if (keys.isEmpty()) return new Undecryptable(p.srcId(), p.nonce(), false);
    try {
      return new Received(p.srcId(), open(p, keys.get()), Optional.empty());
    } catch (PacketDecodeException e) {
      if (e.reason() == PacketDecodeException.Reason.MESSAGE_DECRYPT) {
        return new Undecryptable(p.srcId(), p.nonce(), true);
      }
      // outside a handshake, a record can only come in a NODES message
      DropReason reason =
          e.reason() == PacketDecodeException.Reason.BAD_RECORD
              ? DropReason.BAD_NODES_RECORD
              : dropReason(e.reason());
      throw new DropException(reason, e.getMessage());
    }
  }

  /** Opens with the current session, or else with the one it replaced. */
  private Message open(Packet.Ordinary p, Sessions.Keys keys) throws PacketDecodeException {
    try {
      return packets.open(p, keys.current());
    } catch (PacketDecodeException e) {
      if (e.reason() != PacketDecodeException.Reason.MESSAGE_DECRYPT || keys.previous().isEmpty()) {
        throw e;
      }
      return packets.open(p, keys.previous().get());
    }
  }

  private Inbound decodeHandshake(Packet.Handshake h, NodeAddress peer) throws DropException {
    // A handshake answers exactly one challenge, once: a replay finds none.
    Sessions.Challenge challenge =
        sessions
            .takeChallenge(peer)
            .orElseThrow(() -> new DropException(DropReason.NO_CHALLENGE, "from " + peer));
    try {
      PacketCodec.Accepted accepted =
          packets.acceptHandshake(
              h, challenge.whoAreYou().challengeData(), challenge.knownRecord());
      sessions.store(peer, accepted.session());
      NodeRecord node = accepted.record().or(challenge::knownRecord).orElseThrow();
      return new Received(h.srcId(), accepted.message(), Optional.of(node));
    } catch (PacketDecodeException e) {
      throw new DropException(handshakeDropReason(e.reason()), e.getMessage());
    }
  }

  @Override
  public Outbound encode(NodeAddress to, Message message) {
    Optional<Session> session = sessions.session(to);
    if (session.isEmpty()) {
      Packet.Ordinary random = packets.randomPacket();
      return new Outbound(
          packets.encode(random, to.id()), random.nonce(), PacketKind.ORDINARY, true);
    }
    Packet.Ordinary sealed = packets.seal(session.get(), message);
    return new Outbound(
        packets.encode(sealed, to.id()), sealed.nonce(), PacketKind.ORDINARY, false);
  }

  @Override
  public Outbound encodeHandshake(
      NodeAddress to, NodeRecord node, Packet.WhoAreYou challenge, Message message) {
    // the record goes along when the challenge shows an older one (the wire layer decides)
    PacketCodec.Initiated initiated =
        packets.initiateHandshake(challenge, node, local.record(), message);
    sessions.store(to, initiated.session());
    Packet.Handshake packet = initiated.packet();
    return new Outbound(
        packets.encode(packet, to.id()), packet.nonce(), PacketKind.HANDSHAKE, false);
  }

  @Override
  public Outbound challenge(NodeAddress to, Bytes nonce, Optional<NodeRecord> known) {
    Optional<Sessions.Challenge> pending = sessions.challenge(to);
    if (pending.isPresent()) {
      Sessions.Challenge c = pending.get();
      return new Outbound(c.encoded(), c.whoAreYou().nonce(), PacketKind.WHOAREYOU, false);
    }
    Packet.WhoAreYou w = packets.whoAreYou(nonce, known.map(NodeRecord::seq).orElse(0L));
    Bytes encoded = packets.encode(w, to.id());
    sessions.storeChallenge(to, w, encoded, known);
    return new Outbound(encoded, nonce, PacketKind.WHOAREYOU, false);
  }

  @Override
  public int sessionCount() {
    return sessions.sessionCount();
  }

  @Override
  public void expire() {
    sessions.expireChallenges();
  }

  private static DropReason dropReason(PacketDecodeException.Reason reason) {
    return switch (reason) {
      case TOO_LARGE -> DropReason.OVERSIZED;
      case TOO_SHORT,
          BAD_PROTOCOL_ID,
          UNSUPPORTED_VERSION,
          BAD_FLAG,
          BAD_AUTHDATA_SIZE,
          BAD_HANDSHAKE_AUTHDATA,
          TRAILING_DATA ->
          DropReason.MALFORMED_PACKET;
      case MESSAGE_DECRYPT -> DropReason.DECRYPT_FAILED;
      case BAD_ID_SIGNATURE -> DropReason.BAD_ID_SIGNATURE;
      case BAD_EPHEMERAL_KEY -> DropReason.BAD_EPHEMERAL_KEY;
      case BAD_RECORD, NO_RECORD -> DropReason.BAD_HANDSHAKE;
      case BAD_REQUEST_ID -> DropReason.BAD_REQUEST_ID;
      case EMPTY_MESSAGE, BAD_MESSAGE -> DropReason.MALFORMED_MESSAGE;
    };
  }

  /** Inside a handshake, a message that does not decrypt means the handshake failed. */
  private static DropReason handshakeDropReason(PacketDecodeException.Reason reason) {
    return reason == PacketDecodeException.Reason.MESSAGE_DECRYPT
        ? DropReason.BAD_HANDSHAKE
        : dropReason(reason);
  }
}
