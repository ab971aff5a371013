package org.jdevp2p.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The TCP ports of a devnet's discovery-only nodes. Their records name a TCP port, as any node's
 * may, but carry no eth entry, so no eth node should ever dial them: every connection is counted
 * and closed at once. One thread serves every port.
 */
final class DialTrap implements AutoCloseable {
  private final Selector selector;
  private final AtomicLongArray connections;
  private Thread thread;

  /** Room for {@code slots} ports, numbered from 0. */
  DialTrap(int slots) {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    connections = new AtomicLongArray(slots);
  }

  /** Listens for slot {@code slot} on 127.0.0.1; returns the port. Before {@link #start}. */
  int open(int slot) {
    if (thread != null) throw new IllegalStateException("open every port before start");
    try {
      ServerSocketChannel server = ServerSocketChannel.open();
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT, slot);
      return ((InetSocketAddress) server.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void start() {
    thread = Thread.ofPlatform().name("devnet-dial-trap").daemon().start(this::serve);
  }

  private void serve() {
    try {
      while (selector.isOpen()) {
        selector.select();
        if (!selector.isOpen()) return;
        for (SelectionKey key : selector.selectedKeys()) {
          try (SocketChannel ignored = ((ServerSocketChannel) key.channel()).accept()) {
            if (ignored != null) connections.incrementAndGet((Integer) key.attachment());
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException | RuntimeException e) {
      // closed: nothing more to count
    }
  }

  /** Connections made to slot {@code slot} so far. */
  long connections(int slot) {
    return connections.get(slot);
  }

  @Override
  public void close() {
    for (SelectionKey key : selector.keys()) {
      try {
        key.channel().close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      // closing anyway
    }
    if (thread != null) thread.interrupt();
  }
}
