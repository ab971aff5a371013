package org.jdevp2p.discv5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.discv5.wire.Packet;
import org.jdevp2p.discv5.wire.PacketCodec;
import org.jdevp2p.discv5.wire.PacketDecodeException;
import org.jdevp2p.discv5.wire.Session;
import org.jdevp2p.enr.NodeRecord;

/**
 * A hand-driven discv5 peer on a plain UDP socket, for tests that need to send exactly the packets
 * they describe (good or bad) and see exactly what comes back.
 */
final class RawPeer implements AutoCloseable {
  /** How long a test waits for a datagram before deciding none came. */
  private static final int RECEIVE_TIMEOUT_MILLIS = 2_000;

  final PrivateKey key;
  final PacketCodec codec;
  final DatagramSocket socket;
  final NodeRecord record;
  private final NodeRecord target;
  Session session;

  RawPeer(String ip, NodeRecord target) {
    this(PrivateKey.random(), ip, target);
  }

  RawPeer(PrivateKey key, String ip, NodeRecord target) {
    this(key, ip, target, UnaryOperator.identity());
  }

  /** A peer whose record gets the extra entries {@code entries} sets (e.g. topic-discovery). */
  RawPeer(String ip, NodeRecord target, UnaryOperator<NodeRecord.Builder> entries) {
    this(PrivateKey.random(), ip, target, entries);
  }

  private RawPeer(
      PrivateKey key, String ip, NodeRecord target, UnaryOperator<NodeRecord.Builder> entries) {
    this.key = key;
    this.target = target;
    this.codec = new PacketCodec(key, new SecureRandom());
    try {
      this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), 0));
      socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.record =
        entries
            .apply(
                NodeRecord.builder().seq(1).ip(socket.getLocalAddress()).udp(socket.getLocalPort()))
            .sign(key);
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  void sendRaw(Bytes datagram) {
    InetSocketAddress to = target.udpEndpoint4().or(target::udpEndpoint6).orElseThrow();
    try {
      socket.send(new DatagramPacket(datagram.toArrayUnsafe(), datagram.size(), to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void send(Packet packet) {
    sendRaw(codec.encode(packet, target.nodeId()));
  }

  /** The next datagram, or empty if none comes within the receive timeout. */
  Optional<Bytes> receiveRaw() {
    byte[] buf = new byte[2048];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    try {
      socket.receive(p);
      return Optional.of(Bytes.wrap(buf, 0, p.getLength()));
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Packet receivePacket() {
    Bytes raw = receiveRaw().orElseThrow(() -> new AssertionError("no packet came"));
    try {
      return codec.decode(raw);
    } catch (PacketDecodeException e) {
      throw new AssertionError("undecodable answer", e);
    }
  }

  /** Sends a packet no session opens and returns the WHOAREYOU it provokes. */
  Packet.WhoAreYou provokeChallenge() {
    send(codec.randomPacket());
    return (Packet.WhoAreYou) receivePacket();
  }

  /** The handshake packet answering a challenge with a message; sets up {@link #session}. */
  Packet.Handshake handshakePacket(Packet.WhoAreYou challenge, Message message) {
    PacketCodec.Initiated i = codec.initiateHandshake(challenge, target, record, message);
    session = i.session();
    return i.packet();
  }

  /** Completes a handshake that carries {@code message}. */
  void handshake(Message message) {
    send(handshakePacket(provokeChallenge(), message));
  }

  /** Sends a message under the session. */
  void sendMessage(Message message) {
    send(codec.seal(session, message));
  }

  /** The next message from the target, opened with the session. */
  Message receiveMessage() {
    Packet p = receivePacket();
    if (!(p instanceof Packet.Ordinary o)) throw new AssertionError("expected a message: " + p);
    try {
      return codec.open(o, session);
    } catch (PacketDecodeException e) {
      throw new AssertionError("unopenable answer", e);
    }
  }

  /**
   * Plays the recipient of a handshake: challenges the next packet, accepts the handshake that
   * answers, and returns the message it carried.
   */
  Message acceptHandshake() {
    Packet first = receivePacket();
    Packet.WhoAreYou challenge = codec.whoAreYou(first.nonce(), 0);
    send(challenge);
    Packet.Handshake h = (Packet.Handshake) receivePacket();
    try {
      PacketCodec.Accepted accepted =
          codec.acceptHandshake(h, challenge.challengeData(), Optional.empty());
      session = accepted.session();
      return accepted.message();
    } catch (PacketDecodeException e) {
      throw new AssertionError("handshake failed", e);
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
