package org.jdevp2p.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.node.Enode;
import org.jdevp2p.rlpx.Capability;
import org.jdevp2p.rlpx.CapabilityHandler;
import org.jdevp2p.rlpx.Disconnect;
import org.jdevp2p.rlpx.Disconnection;
import org.jdevp2p.rlpx.Hello;
import org.jdevp2p.rlpx.PeerConnection;
import org.jdevp2p.rlpx.PeerDisconnectedException;
import org.jdevp2p.rlpx.RlpxTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** RLPx from the command line: reach a node, or watch who reaches us. */
@Command(
    name = "rlpx",
    mixinStandardHelpOptions = true,
    description = "Handshake with RLPx nodes and show their Hello and eth Status.",
    subcommands = {RlpxCommand.Ping.class, RlpxStatusCommand.class, RlpxCommand.Listen.class})
final class RlpxCommand {

  /**
   * What we offer in our Hello: eth/68 (17 message ids) and eth/69 (18, with BlockRangeUpdate), so
   * that peers from before and after geth v1.17.1 (eth/69 and newer only) share one with us. The
   * commands only look at Hellos, so their handler ignores every eth message.
   */
  static final List<Capability> OFFERED =
      List.of(new Capability("eth", 68, 17), new Capability("eth", 69, 18));

  /** A handler that takes no part in the eth protocol: Hello is all these commands need. */
  private static final CapabilityHandler IGNORE = (peer, code, payload) -> {};

  private static RlpxTransport.Builder transport(PrivateKey key) {
    RlpxTransport.Builder builder = RlpxTransport.builder(key).clientId(Version.clientId());
    for (Capability c : OFFERED) builder.capability(c, IGNORE);
    return builder;
  }

  private static String caps(List<?> caps) {
    return caps.stream().map(Object::toString).collect(Collectors.joining(" "));
  }

  /** The answer within {@code timeout}; a failure or a timeout ends the command with a reason. */
  static <T> T await(CompletableFuture<T> answer, InetSocketAddress to, Duration timeout) {
    try {
      return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new CommandFailedException(
          "no answer from " + Addresses.hostPort(to) + " within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("interrupted");
    } catch (ExecutionException e) {
      throw new CommandFailedException(reason(e.getCause(), to));
    }
  }

  private static String reason(Throwable cause, InetSocketAddress to) {
    if (cause instanceof PeerDisconnectedException d) return d.getMessage();
    if (cause instanceof ConnectException) {
      // Netty appends the address to the reason ("Connection refused: /127.0.0.1:1").
      String why = String.valueOf(cause.getMessage()).replace(": " + to, "");
      return "cannot connect to " + Addresses.hostPort(to) + ": " + why;
    }
    return cause.toString();
  }

  /** The peer's enode URL, with the port we reached it at. */
  static Enode enodeOf(PeerConnection peer) {
    InetSocketAddress a = peer.remoteAddress();
    return new Enode(peer.remoteKey(), a.getAddress(), a.getPort(), a.getPort());
  }

  /** The peer's node and Hello, as ping and status print them. */
  static void printHello(PrintWriter o, PeerConnection peer) {
    Hello hello = peer.hello();
    o.println("node:       " + enodeOf(peer));
    o.println("client id:  " + hello.clientId());
    o.println("protocol:   p2p/" + hello.protocolVersion());
    o.println("offers:     " + caps(hello.capabilities()));
    o.println("shared:     " + caps(peer.capabilities()));
  }

  @Command(
      name = "ping",
      mixinStandardHelpOptions = true,
      description = {
        "Connect to a node, run the RLPx handshake and the Hello exchange, print what the node"
            + " says about itself and how long it took, and disconnect."
      })
  static final class Ping implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;

    @Parameters(paramLabel = "ENODE|ENR", description = "The node: an enode URL or an ENR.")
    String target;

    @Option(
        names = "--timeout",
        defaultValue = "10s",
        converter = DurationConverter.class,
        description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
        names = "--key",
        paramLabel = "FILE",
        description = "Our node key (default: a fresh one for this run).")
    Path key;

    @Override
    public void run() {
      RlpxTarget node = RlpxTarget.parse(target);
      PrivateKey ourKey = key == null ? PrivateKey.random() : KeyFiles.read(key);
      try (RlpxTransport transport = transport(ourKey).listenAddress(null).build()) {
        transport.start();
        long start = System.nanoTime();
        CompletableFuture<PeerConnection> dial = transport.dial(node.key(), node.address());
        PeerConnection peer = await(dial, node.address(), timeout);
        long connected = System.nanoTime() - start;
        Duration roundTrip = await(peer.ping(), node.address(), timeout);
        print(peer, connected, roundTrip);
        peer.disconnect(Disconnect.Reason.REQUESTED);
      }
    }

    private void print(PeerConnection peer, long connectNanos, Duration roundTrip) {
      PrintWriter o = spec.commandLine().getOut();
      printHello(o, peer);
      o.printf(
          "connect:    %.1f ms (TCP connect, RLPx handshake, Hello exchange)%n",
          connectNanos / 1e6);
      o.printf("round trip: %.1f ms (p2p Ping to Pong)%n", roundTrip.toNanos() / 1e6);
    }
  }

  @Command(
      name = "listen",
      mixinStandardHelpOptions = true,
      description = {
        "Accept RLPx connections and print each peer's Hello and how it left, until"
            + " interrupted (Ctrl-C), then disconnect every peer cleanly."
      })
  static final class Listen implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Our node key.")
    Path key;

    @Option(
        names = "--addr",
        defaultValue = "0.0.0.0:30303",
        paramLabel = "HOST:PORT",
        description = "Where to listen (default: ${DEFAULT-VALUE}); port 0 picks a free one.")
    String addr;

    @Override
    public void run() {
      PrivateKey ourKey = KeyFiles.read(key);
      InetSocketAddress listen = Addresses.parseEndpoint(addr);
      PrintWriter o = spec.commandLine().getOut();
      CountDownLatch stopped = new CountDownLatch(1);
      RlpxTransport transport =
          transport(ourKey).listenAddress(listen).listener(new Printer(o)).build();
      // Ctrl-C: say goodbye to every peer (Disconnect "client quitting") before the JVM goes.
      Thread hook =
          new Thread(
              () -> {
                transport.close();
                stopped.countDown();
              },
              "rlpx-listen-shutdown");
      try {
        transport.start();
      } catch (UncheckedIOException e) {
        transport.close();
        Throwable why = e.getCause().getCause() != null ? e.getCause().getCause() : e.getCause();
        throw new CommandFailedException("cannot listen on " + addr + ": " + why.getMessage());
      }
      Runtime.getRuntime().addShutdownHook(hook);
      InetSocketAddress bound = transport.listenAddress();
      o.println(
          "listening on "
              + new Enode(
                  transport.publicKey(), bound.getAddress(), bound.getPort(), bound.getPort()));
      try {
        stopped.await();
      } catch (InterruptedException e) {
        // Interrupted instead of killed (tests, an embedding program): shut down the same way.
        Runtime.getRuntime().removeShutdownHook(hook);
        transport.close();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One line per peer event. Called on event loop threads; PrintWriter is synchronized. */
  private record Printer(PrintWriter out) implements RlpxTransport.Listener {
    @Override
    public void connected(PeerConnection peer) {
      Hello hello = peer.hello();
      out.println(
          "connected "
              + peer.remoteId()
              + " "
              + peer.remoteAddress()
              + (peer.inbound() ? " inbound" : " outbound")
              + ": client id \""
              + hello.clientId()
              + "\", p2p/"
              + hello.protocolVersion()
              + ", offers "
              + caps(hello.capabilities())
              + ", shared "
              + caps(peer.capabilities()));
    }

    @Override
    public void disconnected(PeerConnection peer, Disconnection disconnection) {
      out.println("gone      " + peer.remoteId() + ": " + disconnection);
    }
  }
}
