package org.jdevp2p.discv5;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;

/**
 * The UDP socket implementation: Linux's native epoll transport where its library loads (one system
 * call per datagram, no selector wake-up pipe, no NIO buffer copies), else the JDK's NIO. {@code
 * -Djdevp2p.discv5.transport=nio} forces NIO.
 */
enum SocketKind {
  EPOLL {
    @Override
    IoHandlerFactory ioHandlerFactory(Duration spin) {
      return EpollIoHandler.newFactory(0, () -> new SpinningSelectStrategy(spin.toNanos()));
    }

    @Override
    DatagramChannel datagramChannel(SocketProtocolFamily family) {
      return new EpollDatagramChannel(family);
    }
  },
  NIO {
    @Override
    IoHandlerFactory ioHandlerFactory(Duration spin) {
      return NioIoHandler.newFactory(
          SelectorProvider.provider(), () -> new SpinningSelectStrategy(spin.toNanos()));
    }

    @Override
    DatagramChannel datagramChannel(SocketProtocolFamily family) {
      return new NioDatagramChannel(family);
    }
  };

  /** The system property that picks a kind by name. */
  static final String PROPERTY = "jdevp2p.discv5.transport";

  static final SocketKind CURRENT = choose();

  /** An event loop whose selector polls for {@code spin} before it sleeps. */
  abstract IoHandlerFactory ioHandlerFactory(Duration spin);

  abstract DatagramChannel datagramChannel(SocketProtocolFamily family);

  private static SocketKind choose() {
    String forced = System.getProperty(PROPERTY, "");
    if (forced.equalsIgnoreCase("nio")) return NIO;
    return Epoll.isAvailable() ? EPOLL : NIO;
  }
}
