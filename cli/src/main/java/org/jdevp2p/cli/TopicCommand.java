package org.jdevp2p.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.Enode;
import org.jdevp2p.node.NodeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Topic discovery (topics.md): advertise a service, or find the nodes that advertise one. */
@Command(
    name = "topic",
    mixinStandardHelpOptions = true,
    description = "Topic discovery: register a service name at registrars, or search for it.",
    subcommands = {TopicCommand.Register.class, TopicCommand.Search.class})
final class TopicCommand {

  /**
   * How often {@code register} looks at its registrations: ads are admitted within a few round
   * trips and live 15 minutes, so half a second shows each change promptly at no cost.
   */
  static final Duration POLL_INTERVAL = Duration.ofMillis(500);

  /** How long a request may wait in the API calls that hand work to the node. */
  static final Duration API_TIMEOUT = Duration.ofSeconds(10);

  @Command(
      name = "register",
      mixinStandardHelpOptions = true,
      description =
          "Advertise NAME: keep ads at registrars near its topic until interrupted, and print"
              + " each registrar as it admits or drops our ad.")
  static final class Register implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;
    @Mixin LocalNodeOptions local;

    @Parameters(paramLabel = "NAME", description = "The service name, e.g. eth/68.")
    String name;

    @Mixin JoinOptions join;

    @Option(
        names = "--nat",
        paramLabel = "extip:IP|none",
        defaultValue = "none",
        description =
            "extip:IP: our public IP, fixed. none: learn it from our peers' PONGs; ads are placed"
                + " only once peers confirm it.")
    String nat;

    @Mixin RunForOptions runFor;

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      try (Discovery d = local.start(join.records(), nat, spec.commandLine().getErr()::println)) {
        Discv5Command.await(d.registerTopic(name), API_TIMEOUT, "register " + name);
        out.println("advertising " + name + " as " + d.localRecord().toText());
        out.flush();
        Instant end = runFor.end();
        Map<NodeId, NodeRecord> holding = new HashMap<>();
        while (Instant.now().isBefore(end)) {
          List<NodeRecord> now;
          try {
            now = Discv5Command.await(d.topicRegistrars(name), API_TIMEOUT, "registrations");
          } catch (CommandFailedException e) {
            // interrupted while asking the node: a stop like one during the pause, not a failure
            if (Thread.currentThread().isInterrupted()) break;
            throw e;
          }
          report(out, holding, now);
          if (!sleep(POLL_INTERVAL)) break;
        }
        out.println(name + ": " + holding.size() + " registrars hold our ad");
      }
    }

    private void report(PrintWriter out, Map<NodeId, NodeRecord> holding, List<NodeRecord> now) {
      Map<NodeId, NodeRecord> current = new HashMap<>();
      for (NodeRecord r : now) current.put(r.nodeId(), r);
      for (NodeRecord r : now) {
        if (!holding.containsKey(r.nodeId())) out.println(Instant.now() + " admitted by " + at(r));
      }
      for (NodeRecord r : holding.values()) {
        if (!current.containsKey(r.nodeId())) out.println(Instant.now() + " expired at " + at(r));
      }
      holding.clear();
      holding.putAll(current);
      out.flush();
    }

    private static boolean sleep(Duration d) {
      try {
        Thread.sleep(d.toMillis());
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description =
          "Find advertisers of NAME by TOPICQUERY, and print each one's record (and enode URL"
              + " when it has a TCP port) as it is found.")
  static final class Search implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;
    @Mixin LocalNodeOptions local;

    @Parameters(paramLabel = "NAME", description = "The service name, e.g. eth/68.")
    String name;

    @Mixin JoinOptions join;

    @Option(
        names = "--count",
        paramLabel = "N",
        defaultValue = "30",
        description = "Stop after N advertisers (default: ${DEFAULT-VALUE}, the spec's F_lookup).")
    int count;

    @Option(
        names = "--timeout",
        paramLabel = "D",
        defaultValue = "60s",
        converter = DurationConverter.class,
        description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public void run() {
      if (count < 1) throw new CommandFailedException("--count must be positive, got " + count);
      PrintWriter out = spec.commandLine().getOut();
      try (Discovery d = local.start(join.records(), spec.commandLine().getErr()::println)) {
        // A lookup of our own id fills the table the topic search starts from.
        Discv5Command.await(d.lookup(d.localId()), timeout, "joining the network");
        List<NodeRecord> found =
            Discv5Command.await(
                d.searchTopic(name, count, r -> print(out, r)), timeout, "search " + name);
        out.println("found " + found.size() + " advertisers of " + name);
      }
    }

    private static void print(PrintWriter out, NodeRecord r) {
      synchronized (out) {
        out.println(r.toText());
        if (r.ip().isPresent() && r.tcp().isPresent()) {
          int udp = r.udp().orElse(r.tcp().getAsInt());
          out.println("  " + new Enode(r.publicKey(), r.ip().get(), r.tcp().getAsInt(), udp));
        }
        out.flush();
      }
    }
  }

  private static String at(NodeRecord r) {
    return r.nodeId()
        + " "
        + r.udpEndpoint4().or(r::udpEndpoint6).map(Object::toString).orElse("?");
  }
}
