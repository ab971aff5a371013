package org.jdevp2p.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.discv5.PingResponse;
import org.jdevp2p.discv5.TableListener;
import org.jdevp2p.enr.NodeRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The discv5 toolbox: ask one node, walk the network, watch it. */
@Command(
    name = "discv5",
    mixinStandardHelpOptions = true,
    description = "Node Discovery v5 tools: ping, resolve, crawl, listen, topic.",
    subcommands = {
      Discv5Command.Ping.class,
      Discv5Command.Resolve.class,
      CrawlCommand.class,
      Discv5Command.Listen.class,
      TopicCommand.class
    })
final class Discv5Command {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Waits for a reply; a node that does not answer is a failure the user reads in one line. */
  static <T> T await(Future<T> f, Duration timeout, String what) {
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new CommandFailedException(what + ": no answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw new CommandFailedException(what + ": " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException(what + ": interrupted");
    }
  }

  static NodeRecord target(String text) {
    return Endpoints.records(List.of(text)).getFirst();
  }

  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  @Command(
      name = "ping",
      mixinStandardHelpOptions = true,
      description = "PING a node: its record's sequence number, the address it saw us at, RTT.")
  static final class Ping implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;
    @Mixin LocalNodeOptions local;

    @Parameters(paramLabel = "ENR", description = "The node's record (enr:...).")
    String enr;

    @Mixin RequestOptions request;

    @Override
    public void run() {
      NodeRecord node = target(enr);
      PrintWriter out = spec.commandLine().getOut();
      try (Discovery d = local.start(List.of(), spec.commandLine().getErr()::println)) {
        long t0 = System.nanoTime();
        await(d.ping(node), request.timeout, "ping " + node.nodeId());
        long first = System.nanoTime() - t0;
        // The first PING pays for the handshake; the second one is the round trip alone.
        long t1 = System.nanoTime();
        PingResponse pong = await(d.ping(node), request.timeout, "ping " + node.nodeId());
        long rtt = System.nanoTime() - t1;
        String seen = pong.recipient().getAddress().getHostAddress();
        if (request.json) {
          ObjectNode o = JSON.createObjectNode();
          o.put("id", node.nodeId().toString()).put("enrSeq", pong.enrSeq());
          o.put("recipientIp", seen).put("recipientPort", pong.recipient().getPort());
          o.put("rttMillis", rtt / 1e6).put("firstRttMillis", first / 1e6);
          out.println(o);
          return;
        }
        out.println("pong from " + node.nodeId());
        out.println("  enr-seq:   " + pong.enrSeq());
        out.println("  saw us at: " + seen + " port " + pong.recipient().getPort());
        out.println(
            "  rtt:       " + millis(rtt) + " (first, with handshake: " + millis(first) + ")");
      }
    }
  }

  @Command(
      name = "resolve",
      mixinStandardHelpOptions = true,
      description = "Ask a node for its latest record (FINDNODE distance 0) and print it.")
  static final class Resolve implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;
    @Mixin LocalNodeOptions local;

    @Parameters(paramLabel = "ENR", description = "The node's record (enr:...), maybe stale.")
    String enr;

    @Mixin RequestOptions request;

    @Override
    public void run() {
      NodeRecord given = target(enr);
      PrintWriter out = spec.commandLine().getOut();
      try (Discovery d = local.start(List.of(), spec.commandLine().getErr()::println)) {
        List<NodeRecord> got =
            await(d.findNodes(given, List.of(0)), request.timeout, "resolve " + given.nodeId());
        if (got.isEmpty()) {
          throw new CommandFailedException(given.nodeId() + " did not send its record");
        }
        NodeRecord latest = got.getFirst();
        if (request.json) {
          ObjectNode o = JSON.createObjectNode();
          o.put("id", latest.nodeId().toString()).put("seq", latest.seq());
          o.put("givenSeq", given.seq()).put("record", latest.toText());
          out.println(o);
          return;
        }
        out.println(latest.toText());
        out.println(
            "seq "
                + latest.seq()
                + (latest.seq() > given.seq() ? " (newer than given " + given.seq() + ")" : ""));
      }
    }
  }

  @Command(
      name = "listen",
      mixinStandardHelpOptions = true,
      description = "Run a node and print the nodes entering and leaving its table.")
  static final class Listen implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;
    @Mixin LocalNodeOptions local;

    @Mixin JoinOptions join;

    @Mixin RunForOptions runFor;

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      try (Discovery d = local.start(join.records(), spec.commandLine().getErr()::println)) {
        out.println("listening as " + d.localRecord().toText());
        out.flush();
        d.addTableListener(
            new TableListener() {
              @Override
              public void nodeAdded(NodeRecord node) {
                print("added  ", node);
              }

              @Override
              public void nodeRemoved(NodeRecord node) {
                print("removed", node);
              }

              private void print(String what, NodeRecord node) {
                String at =
                    node.udpEndpoint4().or(node::udpEndpoint6).map(Object::toString).orElse("?");
                synchronized (out) {
                  out.println(
                      Instant.now()
                          + " "
                          + what
                          + " "
                          + node.nodeId()
                          + " seq "
                          + node.seq()
                          + " "
                          + at);
                  out.flush();
                }
              }
            });
        CountDownLatch never = new CountDownLatch(1);
        try {
          if (runFor.timeout == null) {
            never.await();
          } else {
            never.await(runFor.timeout.toMillis(), TimeUnit.MILLISECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        out.println("table: " + d.metrics().tableSize() + " nodes");
      }
    }
  }
}
