package org.jdevp2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.node.Enode;

/** RlpxTransports on 127.0.0.1 for tests; closes them all at the end. */
final class LoopbackNodes implements AutoCloseable {
  static final Capability ETH67 = new Capability("eth", 67, 17);
  static final Capability ETH68 = new Capability("eth", 68, 17);
  static final Capability SNAP1 = new Capability("snap", 1, 8);
  static final Capability LES4 = new Capability("les", 4, 23);

  /** How long a test waits for an event that should come at once over loopback. */
  static final long WAIT_SECONDS = 10;

  private final List<RlpxTransport> transports = new ArrayList<>();

  /** A node: its transport and what it heard. */
  static final class Node implements RlpxTransport.Listener, CapabilityHandler {
    RlpxTransport transport;
    final BlockingQueue<PeerConnection> connected = new LinkedBlockingQueue<>();
    final BlockingQueue<Disconnection> disconnected = new LinkedBlockingQueue<>();
    final BlockingQueue<Bytes> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> codes = new LinkedBlockingQueue<>();
    volatile Capability echo;

    @Override
    public void connected(PeerConnection peer) {
      connected.add(peer);
    }

    @Override
    public void disconnected(PeerConnection peer, Disconnection disconnection) {
      disconnected.add(disconnection);
    }

    /** Records the message; with {@link #echo} set, answers it with code + 1. */
    @Override
    public void onMessage(PeerConnection peer, int code, Bytes payload) {
      codes.add(code);
      messages.add(payload);
      if (echo != null) peer.send(echo, code + 1, payload);
    }

    InetSocketAddress address() {
      return transport.listenAddress();
    }

    Enode enode() {
      InetSocketAddress a = address();
      return new Enode(transport.publicKey(), a.getAddress(), a.getPort(), a.getPort());
    }

    long count(FailureReason reason) {
      return transport.counters().count(reason);
    }
  }

  Node node(String clientId, Capability... caps) {
    return node(clientId, b -> {}, caps);
  }

  Node node(String clientId, Consumer<RlpxTransport.Builder> settings, Capability... caps) {
    Node node = new Node();
    RlpxTransport.Builder b =
        RlpxTransport.builder(PrivateKey.random())
            .listenAddress(new InetSocketAddress("127.0.0.1", 0))
            .clientId(clientId)
            .eventLoopThreads(1)
            .listener(node);
    for (Capability c : caps) b.capability(c, node);
    settings.accept(b);
    node.transport = b.build();
    transports.add(node.transport);
    node.transport.start();
    return node;
  }

  static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  static <T> T take(BlockingQueue<T> q) throws InterruptedException {
    T t = q.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(t).as("event within %d s", WAIT_SECONDS).isNotNull();
    return t;
  }

  @Override
  public void close() {
    transports.forEach(RlpxTransport::close);
  }
}
