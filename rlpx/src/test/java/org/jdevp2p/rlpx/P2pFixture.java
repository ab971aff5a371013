package org.jdevp2p.rlpx;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.Snappy;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.rlpx.CapabilityMux.Registration;

/**
 * A {@link P2pHandler} on an EmbeddedChannel with a mock ticker, seen from the remote peer: the
 * test writes the peer's frames in and reads ours out. Frames are Snappy compressed in both
 * directions once the peer's accepted Hello said version 5.
 */
final class P2pFixture implements PeerListener, Counters, AutoCloseable {
  static final Capability ETH68 = new Capability("eth", 68, 17);
  static final Capability SNAP1 = new Capability("snap", 1, 8);

  final MockTicker ticker = Ticker.newMockTicker();
  final PrivateKey localKey;
  final PrivateKey remoteKey;
  final RecordingHandler eth = new RecordingHandler();
  final List<FailureReason> failures = new ArrayList<>();
  final List<PeerConnection> connected = new ArrayList<>();
  Disconnection closed;
  PeerConnection closedPeer;
  final EmbeddedChannel channel;
  private boolean compressed;

  P2pFixture() {
    this(PrivateKey.random(), PrivateKey.random(), Long.MAX_VALUE);
  }

  /** remoteKey: the key the handshake proved; maxQueuedBytes: the outbound bound. */
  P2pFixture(PrivateKey localKey, PrivateKey remoteKey, long maxQueuedBytes) {
    this.localKey = localKey;
    this.remoteKey = remoteKey;
    P2pConfig config =
        new P2pConfig(
            localKey.publicKey(),
            "jdevp2p/test",
            30303,
            List.of(new Registration(ETH68, eth)),
            P2pHandler.HELLO_TIMEOUT,
            P2pHandler.PING_INTERVAL,
            P2pHandler.READ_TIMEOUT,
            P2pHandler.WRITE_TIMEOUT,
            maxQueuedBytes);
    channel =
        EmbeddedChannel.builder()
            .ticker(ticker)
            .handlers(
                new P2pHandler(
                    config, this.remoteKey.publicKey(), false, this, new ConnectionCounters(this)))
            .build();
  }

  Hello remoteHello(int version, PublicKey key, Capability... caps) {
    return new Hello(
        version, "remote/1.0", List.of(caps).stream().map(Capability::cap).toList(), 0, key);
  }

  /** Reads our Hello, then sends the peer's (version 5, eth/68). */
  void exchangeHellos() {
    nextMessage(); // our Hello
    receiveHello(remoteHello(5, remoteKey.publicKey(), ETH68, SNAP1));
  }

  void receiveHello(Hello hello) {
    PublicKey key = hello.nodeKey();
    boolean identityOk = key.equals(remoteKey.publicKey()) && !key.equals(localKey.publicKey());
    receive(Hello.CODE, hello.encode());
    if (identityOk && hello.protocolVersion() >= Hello.SNAPPY_PROTOCOL_VERSION) compressed = true;
  }

  void receive(P2pMessage message) {
    receive(message.code(), message.encode());
  }

  /** The peer sends a frame, compressed if compression is on. */
  void receive(int code, Bytes payload) {
    ByteBuf buf = Unpooled.wrappedBuffer(payload.toArrayUnsafe());
    if (compressed) {
      ByteBuf out = Unpooled.buffer();
      new Snappy().encode(buf, out, buf.readableBytes());
      buf.release();
      buf = out;
    }
    channel.writeInbound(new MessageFrame(code, buf));
  }

  /** The peer sends a frame exactly as given. */
  void receiveRaw(int code, Bytes payload) {
    channel.writeInbound(new MessageFrame(code, Unpooled.wrappedBuffer(payload.toArrayUnsafe())));
  }

  /** Our next frame as it went on the wire, or null. */
  MessageFrame nextFrame() {
    return channel.readOutbound();
  }

  /** Our next frame, decompressed when compression is on: code and payload. */
  Sent next() {
    MessageFrame frame = nextFrame();
    if (frame == null) return null;
    try {
      ByteBuf payload = frame.payload();
      if (compressed && frame.code() != Hello.CODE) {
        ByteBuf out = Unpooled.buffer();
        new Snappy().decode(payload, out);
        payload = out;
      }
      return new Sent(frame.code(), Bytes.wrap(ByteBufUtil.getBytes(payload)));
    } finally {
      frame.payload().release();
    }
  }

  P2pMessage nextMessage() {
    Sent sent = next();
    return sent == null ? null : P2pMessage.decode(sent.code(), sent.payload());
  }

  record Sent(int code, Bytes payload) {}

  void advance(Duration d) {
    ticker.advance(d.toNanos(), TimeUnit.NANOSECONDS);
    channel.runScheduledPendingTasks();
    channel.runPendingTasks();
  }

  PeerConnection peer() {
    return connected.get(0);
  }

  @Override
  public void connected(PeerConnection peer) {
    connected.add(peer);
  }

  @Override
  public void closed(Channel channel, PeerConnection peer, Disconnection disconnection) {
    closedPeer = peer;
    closed = disconnection;
  }

  @Override
  public void increment(FailureReason failure) {
    failures.add(failure);
  }

  @Override
  public long count(FailureReason failure) {
    return failures.stream().filter(failure::equals).count();
  }

  @Override
  public void close() {
    channel.finishAndReleaseAll();
  }

  /** Records what a capability handler is told; can be set to throw. */
  static final class RecordingHandler implements CapabilityHandler {
    final List<PeerConnection> connects = new ArrayList<>();
    final List<Sent> messages = new ArrayList<>();
    final List<Disconnection> disconnects = new ArrayList<>();
    RuntimeException failWith;

    @Override
    public void onConnect(PeerConnection peer) {
      connects.add(peer);
    }

    @Override
    public void onMessage(PeerConnection peer, int code, Bytes payload) {
      if (failWith != null) throw failWith;
      messages.add(new Sent(code, payload));
    }

    @Override
    public void onDisconnect(PeerConnection peer, Disconnection disconnection) {
      disconnects.add(disconnection);
    }
  }
}
