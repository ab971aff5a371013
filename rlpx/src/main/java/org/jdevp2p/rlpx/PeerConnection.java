package org.jdevp2p.rlpx;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.node.NodeId;

/** A peer whose handshake and Hello exchange succeeded. All methods are safe from any thread. */
public interface PeerConnection {

  /** The key the peer proved in the RLPx handshake (and repeated in its Hello). */
  PublicKey remoteKey();

  default NodeId remoteId() {
    return NodeId.of(remoteKey());
  }

  InetSocketAddress remoteAddress();

  /** True when the peer dialed us. */
  boolean inbound();

  /** The peer's Hello: client id, protocol version, every capability it offered. */
  Hello hello();

  /** The capabilities both sides run, in message-id order (the highest shared version of each). */
  List<Capability> capabilities();

  /**
   * Sends a message of a shared capability; {@code code} is relative to the capability. Completes
   * when the message is written to the socket. Fails with {@link IllegalArgumentException} for a
   * capability that is not shared or a code outside it, and with {@link
   * java.nio.channels.ClosedChannelException} once the connection is closed. A peer that lets our
   * outbound queue pass its bound is disconnected.
   */
  CompletableFuture<Void> send(Capability capability, int code, Bytes payload);

  /**
   * False while the socket's send buffer is full: hold back until it is writable again (reading
   * from the peer pauses meanwhile).
   */
  boolean isWritable();

  boolean isOpen();

  /**
   * Sends a p2p Ping; completes with the round-trip time when the Pong comes back, or fails when
   * the connection closes first.
   */
  CompletableFuture<Duration> ping();

  /** Sends Disconnect with this reason and closes. Does nothing when already closing. */
  void disconnect(Disconnect.Reason reason);
}
