package org.jdevp2p.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.eth.ForkFilter;
import org.jdevp2p.rlpx.Disconnect;
import org.jdevp2p.rlpx.Disconnection;
import org.jdevp2p.rlpx.Hello;
import org.jdevp2p.rlpx.PeerConnection;
import org.jdevp2p.rlpx.RlpxTransport;
import org.jdevp2p.rlpx.eth.ChainlessNode;
import org.jdevp2p.rlpx.eth.EthHandler;
import org.jdevp2p.rlpx.eth.EthVersion;
import org.jdevp2p.rlpx.eth.GenesisBlock;
import org.jdevp2p.rlpx.eth.Status;
import org.jdevp2p.rlpx.eth.Status68;
import org.jdevp2p.rlpx.eth.Status69;
import org.jdevp2p.rlpx.eth.StatusValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code devp2p rlpx status}: the eth handshake with one node, as our node without a chain runs it
 * (every eth version we implement offered, our genesis Status sent, the peer's judged by geth's
 * rules), with everything the peer said printed whatever the verdict.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Connect to a node, run the RLPx handshake, Hello and the eth Status exchange, print the"
          + " node's Hello and every field of its Status, and say whether the Status validates"
          + " against our chain (geth's rules: network id, version, genesis, fork id, block"
          + " range).",
      "Exit code 1 when it does not, or when the node sends no Status."
    })
final class RlpxStatusCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;
  @Mixin Verbosity verbosity;

  @Parameters(paramLabel = "ENODE|ENR", description = "The node: an enode URL or an ENR.")
  String target;

  @Option(
      names = "--network",
      defaultValue = "mainnet",
      paramLabel = "mainnet|sepolia|FILE",
      description =
          "The chain to judge the node's Status against, built in or a chain file (docs/node.md;"
              + " default: ${DEFAULT-VALUE}).")
  String network;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "Give up after this long, handshake and Status together (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description = "Our node key (default: a fresh one for this run).")
  Path key;

  /** How the Status exchange ended. */
  private sealed interface Outcome {}

  private record Accepted(EthVersion version, Status status) implements Outcome {}

  /** {@code status} is null when none came (timeout, undecodable). */
  private record Rejected(Status status, StatusValidator.Rejection rejection) implements Outcome {}

  private record Gone(Disconnection disconnection) implements Outcome {}

  @Override
  public void run() {
    RlpxTarget node = RlpxTarget.parse(target);
    GenesisBlock genesis = ChainFile.network(network);
    ChainConfig chain = genesis.chain();
    PrivateKey ourKey = key == null ? PrivateKey.random() : KeyFiles.read(key);
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().unstarted(r));
    EthHandler eth =
        new EthHandler(
            new ChainlessNode(genesis),
            new StatusValidator(chain, ForkFilter.synced(chain, InstantSource.system())),
            EnumSet.allOf(EthVersion.class),
            EthHandler.Timer.of(timer),
            new Verdict(outcome));
    RlpxTransport.Builder builder =
        RlpxTransport.builder(ourKey)
            .clientId(Version.clientId())
            .listenAddress(null)
            .listener(
                new RlpxTransport.Listener() {
                  @Override
                  public void disconnected(PeerConnection peer, Disconnection disconnection) {
                    outcome.complete(new Gone(disconnection));
                  }
                });
    try (RlpxTransport transport = eth.registerWith(builder).build()) {
      transport.start();
      long deadline = System.nanoTime() + timeout.toNanos();
      PeerConnection peer =
          RlpxCommand.await(transport.dial(node.key(), node.address()), node.address(), timeout);
      PrintWriter o = spec.commandLine().getOut();
      if (!json) {
        RlpxCommand.printHello(o, peer);
        o.flush();
      }
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      Outcome end;
      try {
        end = RlpxCommand.await(outcome, node.address(), left);
      } catch (CommandFailedException e) {
        throw new CommandFailedException("no eth Status within " + timeout.toMillis() + " ms");
      }
      report(o, chain, end, json ? peer : null);
      peer.disconnect(Disconnect.Reason.REQUESTED);
    } finally {
      timer.shutdownNow();
    }
  }

  /** Prints the outcome, as JSON when {@code jsonPeer} is given (the peer it describes). */
  private static void report(
      PrintWriter o, ChainConfig chain, Outcome end, PeerConnection jsonPeer) {
    switch (end) {
      case Accepted a -> {
        if (jsonPeer != null) {
          o.println(json(jsonPeer, chain, a.status(), null));
        } else {
          printStatus(o, a.status());
          o.println("validates:  yes, against " + chain.name());
        }
        o.flush();
      }
      case Rejected r -> {
        if (jsonPeer != null) {
          o.println(json(jsonPeer, chain, r.status(), r.rejection()));
        } else {
          if (r.status() != null) printStatus(o, r.status());
          o.println("validates:  no, against " + chain.name() + ": " + r.rejection());
        }
        o.flush();
        throw new CommandFailedException(
            "the node's Status does not validate against " + chain.name() + ": " + r.rejection());
      }
      case Gone g ->
          throw new CommandFailedException("the node left before its Status: " + g.disconnection());
    }
  }

  /** The Hello, every Status field (null when none came) and the verdict, as one object. */
  private static ObjectNode json(
      PeerConnection peer, ChainConfig chain, Status status, StatusValidator.Rejection rejection) {
    ObjectNode j = JSON.createObjectNode();
    Hello hello = peer.hello();
    j.put("node", RlpxCommand.enodeOf(peer).toString());
    j.put("clientId", hello.clientId());
    j.put("protocolVersion", hello.protocolVersion());
    ArrayNode offers = j.putArray("offers");
    hello.capabilities().forEach(c -> offers.add(c.toString()));
    ArrayNode shared = j.putArray("shared");
    peer.capabilities().forEach(c -> shared.add(c.toString()));
    if (status == null) {
      j.putNull("status");
    } else {
      ObjectNode s = j.putObject("status");
      s.put("version", Integer.toUnsignedLong(status.version()));
      s.put("networkId", unsigned(status.networkId()));
      s.put("genesis", status.genesis().toHexString());
      s.put("forkHash", status.forkId().hash().toHexString());
      s.put("forkNext", unsigned(status.forkId().next()));
      switch (status) {
        case Status68 s68 -> {
          s.put("td", s68.totalDifficulty());
          s.put("head", s68.headHash().toHexString());
        }
        case Status69 s69 -> {
          s.put("earliest", unsigned(s69.blockRange().earliest()));
          s.put("latest", unsigned(s69.blockRange().latest()));
          s.put("head", s69.blockRange().latestHash().toHexString());
        }
      }
    }
    j.put("network", chain.name());
    j.put("validates", rejection == null);
    if (rejection != null) {
      j.put("error", rejection.error().name());
      j.put("reason", rejection.detail());
    }
    return j;
  }

  private static BigInteger unsigned(long value) {
    return new BigInteger(Long.toUnsignedString(value));
  }

  /** Every field of the Status, in wire order, numbers unsigned. */
  private static void printStatus(PrintWriter o, Status status) {
    o.println("eth:        eth/" + Integer.toUnsignedString(status.version()));
    o.println("network id: " + Long.toUnsignedString(status.networkId()));
    switch (status) {
      case Status68 s -> {
        o.println("td:         " + s.totalDifficulty());
        o.println("head:       " + s.headHash().toHexString());
        o.println("genesis:    " + s.genesis().toHexString());
        o.println("fork id:    " + s.forkId());
      }
      case Status69 s -> {
        o.println("genesis:    " + s.genesis().toHexString());
        o.println("fork id:    " + s.forkId());
        o.println(
            "blocks:     "
                + Long.toUnsignedString(s.blockRange().earliest())
                + ".."
                + Long.toUnsignedString(s.blockRange().latest()));
        o.println("head:       " + s.blockRange().latestHash().toHexString());
      }
    }
  }

  /** Turns the eth handler's events into the command's one outcome (the first one wins). */
  private static final class Verdict implements EthHandler.Listener {
    private final CompletableFuture<Outcome> outcome;
    // The Status being judged, so that a refused one is still shown.
    private final CompletableFuture<Status> received = new CompletableFuture<>();

    Verdict(CompletableFuture<Outcome> outcome) {
      this.outcome = outcome;
    }

    @Override
    public void statusReceived(PeerConnection peer, EthVersion version, Status status) {
      received.complete(status);
    }

    @Override
    public void statusAccepted(PeerConnection peer, EthVersion version, Status status) {
      outcome.complete(new Accepted(version, status));
    }

    @Override
    public void statusRejected(PeerConnection peer, StatusValidator.Rejection rejection) {
      outcome.complete(new Rejected(received.getNow(null), rejection));
    }
  }
}
