package org.jdevp2p.discv5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
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
  /**
   * How long a test waits for a datagram it expects: our node answers at once over loopback, but on
   * a loaded machine its loop may wait seconds for a core. Waiting longer costs a passing test
   * nothing.
   */
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How long a test listens before deciding that no datagram comes. A datagram later than this
   * could only let a wrong node pass such a test, never fail a right one, so it stays short.
   */
  private static final Duration SILENCE = Duration.ofSeconds(2);

  final PrivateKey key;
  final PacketCodec codec;
  final DatagramSocket socket;
  final NodeRecord record;
  private final NodeRecord target;
  private Duration replyTimeout = REPLY_TIMEOUT;
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

  /** The next datagram, or empty if none comes within {@link #SILENCE}. */
  Optional<Bytes> receiveRaw() {
    return receive(SILENCE);
  }

  /** This peer, waiting for replies only as long as for silence: for floods, which lose some. */
  RawPeer impatient() {
    replyTimeout = SILENCE;
    return this;
  }

  /** The next datagram, which the test expects; fails if none comes within the reply timeout. */
  Bytes receiveDatagram() {
    return receive(replyTimeout)
        .orElseThrow(() -> new AssertionError("no datagram within " + replyTimeout));
  }

  private Optional<Bytes> receive(Duration wait) {
    byte[] buf = new byte[2048];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    try {
      socket.setSoTimeout((int) wait.toMillis());
      socket.receive(p);
      return Optional.of(Bytes.wrap(buf, 0, p.getLength()));
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Packet receivePacket() {
    Bytes raw = receiveDatagram();
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
