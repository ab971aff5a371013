package org.jdevp2p.rlpx;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PublicKey;

/**
 * The {@link PeerConnection} of one channel. Sends may come from any thread; everything that
 * changes the connection's state is handed to {@link P2pHandler} on the event loop.
 */
final class Peer implements PeerConnection {
  private final Channel channel;
  private final P2pHandler owner;
  private final PublicKey remoteKey;
  private final boolean inbound;
  private final Hello hello;
  private final CapabilityMux mux;
  private final long maxQueuedBytes;
  // Payload bytes handed to Netty and not yet written to the socket.
  private final AtomicLong queuedBytes = new AtomicLong();

  Peer(
      Channel channel,
      P2pHandler owner,
      PublicKey remoteKey,
      boolean inbound,
      Hello hello,
      CapabilityMux mux,
      long maxQueuedBytes) {
    this.channel = channel;
    this.owner = owner;
    this.remoteKey = remoteKey;
    this.inbound = inbound;
    this.hello = hello;
    this.mux = mux;
    this.maxQueuedBytes = maxQueuedBytes;
  }

  Channel channel() {
    return channel;
  }

  @Override
  public PublicKey remoteKey() {
    return remoteKey;
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return (InetSocketAddress) channel.remoteAddress();
  }

  @Override
  public boolean inbound() {
    return inbound;
  }

  @Override
  public Hello hello() {
    return hello;
  }

  @Override
  public List<Capability> capabilities() {
    return mux.capabilities();
  }

  @Override
  public CompletableFuture<Void> send(Capability capability, int code, Bytes payload) {
    int absolute = mux.absoluteCode(capability, code);
    int size = payload.size();
    if (size > SnappyCodec.MAX_UNCOMPRESSED_SIZE) {
      throw new IllegalArgumentException("payload of " + size + " bytes exceeds 0xFFFFFF");
    }
    CompletableFuture<Void> result = new CompletableFuture<>();
    if (!channel.isActive()) {
      result.completeExceptionally(new ClosedChannelException());
      return result;
    }
    if (queuedBytes.addAndGet(size) > maxQueuedBytes) {
      queuedBytes.addAndGet(-size);
      channel.eventLoop().execute(() -> owner.queueOverflow(maxQueuedBytes));
      result.completeExceptionally(new ClosedChannelException());
      return result;
    }
    MessageFrame frame =
        new MessageFrame(absolute, Unpooled.wrappedBuffer(payload.toArrayUnsafe()));
    channel
        .writeAndFlush(frame)
        .addListener(
            f -> {
              queuedBytes.addAndGet(-size);
              if (f.isSuccess()) result.complete(null);
              else result.completeExceptionally(f.cause());
            });
    return result;
  }

  @Override
  public boolean isWritable() {
    return channel.isWritable();
  }

  @Override
  public boolean isOpen() {
    return channel.isActive();
  }

  @Override
  public CompletableFuture<Duration> ping() {
    CompletableFuture<Duration> result = new CompletableFuture<>();
    channel.eventLoop().execute(() -> owner.ping(result));
    return result;
  }

  @Override
  public void disconnect(Disconnect.Reason reason) {
    channel.eventLoop().execute(() -> owner.disconnectLocally(reason));
  }

  @Override
  public String toString() {
    return "peer " + remoteId().toString().substring(0, 16) + "@" + channel.remoteAddress();
  }
}
