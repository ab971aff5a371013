package org.jdevp2p.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.jdevp2p.rlpx.eth.GenesisBlock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code devp2p devnet}: a {@link Devnet} on loopback with a live view, redrawn in place on a
 * terminal and one line per interval otherwise, and a summary at the end (text or JSON).
 */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Run a network of nodes in this process on 127.0.0.1 and watch it: a fraction of them are"
          + " eth nodes (discovery, RLPx, eth Status, peer pool), the rest only discover. Shows"
          + " each node's table size and eth peers as they change; ends after --duration or on"
          + " Ctrl-C with a summary: how many eth nodes found eth peers, whether any non-eth node"
          + " was ever dialled, how many discovery packets were sent."
    })
final class DevnetCommand implements Runnable {
  /**
   * Each eth node runs four threads (discovery loop, RLPx loop, timers, dialer) and each other node
   * one; a thousand nodes is a few thousand threads, about what one JVM runs comfortably.
   */
  static final int MAX_NODES = 1000;

  /** How long Ctrl-C waits for the summary and a clean shutdown before the JVM goes. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

  /** Cells per row of the live view's node grid, and the most nodes shown one by one. */
  private static final int GRID_COLUMNS = 8;

  private static final int GRID_MAX_NODES = 64;

  private static final String CLEAR_BELOW = "\033[J";
  private static final String GREEN = "\033[32m";
  private static final String YELLOW = "\033[33m";
  private static final String DIM = "\033[2m";
  private static final String BOLD = "\033[1m";
  private static final String RESET = "\033[0m";

  /** How the progress is shown. */
  enum View {
    /** live on a terminal, plain otherwise */
    auto,
    /** redrawn in place with ANSI escapes */
    live,
    /** one line per interval */
    plain
  }

  @Spec CommandSpec spec;
  @Mixin Verbosity verbose;

  @Option(names = "--nodes", paramLabel = "N", defaultValue = "20", description = "Nodes to run.")
  int nodes;

  @Option(
      names = "--eth",
      paramLabel = "FRACTION",
      defaultValue = "0.25",
      description = "Share of the nodes that are eth nodes, 0 to 1 (at least one when above 0).")
  double ethFraction;

  @Option(
      names = "--duration",
      paramLabel = "D",
      converter = DurationConverter.class,
      description = "Stop after this long (default: at Ctrl-C).")
  Duration duration;

  @Option(
      names = "--interval",
      paramLabel = "D",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "How often the view is refreshed.")
  Duration interval;

  @Option(
      names = "--network",
      paramLabel = "mainnet|sepolia|FILE",
      defaultValue = "mainnet",
      description = "The chain of the eth nodes (a chain file: docs/node.md).")
  String network;

  @Option(
      names = "--topics",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Every node serves topic discovery and the eth nodes advertise the eth topic; the view"
              + " shows the topic ads held. --no-topics: no topic discovery at all.")
  boolean topics;

  @Option(names = "--view", paramLabel = "auto|live|plain", defaultValue = "auto")
  View view;

  @Option(
      names = "--json",
      description = "No view; print the summary as one JSON object (for scripts).")
  boolean json;

  @Option(
      names = "--verbosity",
      paramLabel = "0-5",
      defaultValue = "1",
      description = "Log level on stderr: 0 silent, 1 error, 2 warn, 3 info, 4 debug, 5 trace.")
  int verbosity;

  @Override
  public void run() {
    if (nodes < 1 || nodes > MAX_NODES) {
      throw new CommandFailedException("--nodes must be 1 to " + MAX_NODES);
    }
    if (!(ethFraction >= 0 && ethFraction <= 1)) {
      throw new CommandFailedException("--eth must be between 0 and 1");
    }
    int ethNodes = (int) Math.round(nodes * ethFraction);
    if (ethNodes == 0 && ethFraction > 0) ethNodes = 1;
    GenesisBlock genesis = ChainFile.network(network);
    Logging.configure(verbosity, "text");
    PrintWriter out = spec.commandLine().getOut();
    boolean live = !json && (view == View.live || (view == View.auto && isTerminal()));
    if (!json) {
      out.printf(
          "starting %d nodes on 127.0.0.1: %d eth nodes (%s), %d discovery only%n",
          nodes, ethNodes, genesis.chain().name(), nodes - ethNodes);
      out.flush();
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> stopAndWait(stop, done), "devnet-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    long start = System.nanoTime();
    try (Devnet net = Devnet.start(nodes, ethNodes, genesis, topics)) {
      int drawn = 0;
      while (!await(stop, interval)) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Devnet.Snapshot s = net.snapshot();
        if (live) {
          List<String> lines = liveView(s, elapsed);
          if (drawn > 0) out.print("\033[" + drawn + "F" + CLEAR_BELOW);
          lines.forEach(out::println);
          drawn = lines.size();
        } else if (!json) {
          out.println(plainLine(s, elapsed));
        }
        out.flush();
        if (duration != null && elapsed.compareTo(duration) >= 0) break;
      }
      Devnet.Snapshot end = net.snapshot();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (json) out.println(summaryJson(end, elapsed));
      else summary(end, elapsed).forEach(out::println);
      out.flush();
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and waits for done
      }
    }
  }

  private static void stopAndWait(CountDownLatch stop, CountDownLatch done) {
    stop.countDown();
    try {
      done.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits one interval; true when the run should end now (Ctrl-C, or this thread interrupted). */
  private static boolean await(CountDownLatch stop, Duration interval) {
    try {
      return stop.await(interval.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /**
   * Whether stdout is a terminal. From Java 22, {@code System.console()} exists even when output is
   * redirected and {@code Console.isTerminal()} tells; we compile for 21, hence the reflection.
   */
  private static boolean isTerminal() {
    Console console = System.console();
    if (console == null) return false;
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException java21) {
      return true; // on 21 a console exists only for a terminal
    }
  }

  private static IntSummaryStatistics stats(
      List<Devnet.NodeState> nodes, ToIntFunction<Devnet.NodeState> value) {
    return nodes.stream().mapToInt(value).summaryStatistics();
  }

  private static IntSummaryStatistics tables(List<Devnet.NodeState> nodes) {
    return stats(nodes, Devnet.NodeState::tableSize);
  }

  private static IntSummaryStatistics peers(List<Devnet.NodeState> nodes) {
    return stats(nodes, Devnet.NodeState::ethPeers);
  }

  private static IntSummaryStatistics ads(List<Devnet.NodeState> nodes) {
    return stats(nodes, Devnet.NodeState::adsHeld);
  }

  private static String minAvgMax(IntSummaryStatistics s) {
    if (s.getCount() == 0) return String.format("%16s", "-");
    return String.format(Locale.ROOT, "%4d %6.1f %4d", s.getMin(), s.getAverage(), s.getMax());
  }

  private static String seconds(Duration d) {
    return d.toSeconds() + " s";
  }

  private String progress(Duration elapsed) {
    return duration == null
        ? seconds(elapsed) + " (Ctrl-C ends)"
        : seconds(elapsed) + " of " + seconds(duration);
  }

  private List<String> liveView(Devnet.Snapshot s, Duration elapsed) {
    List<Devnet.NodeState> eth = s.ethNodes();
    List<Devnet.NodeState> other = s.discoveryNodes();
    List<String> lines = new ArrayList<>();
    lines.add(
        BOLD
            + "devnet"
            + RESET
            + "  "
            + s.nodes().size()
            + " nodes on 127.0.0.1   "
            + progress(elapsed));
    lines.add("");
    String minAvgMax = " min    avg  max";
    String adsTitle = topics ? String.format("   %-16s", "topic ads held") : "";
    String adsHeader = topics ? "   " + minAvgMax : "";
    lines.add(
        String.format("%-16s %5s   %-16s   %-16s%s", "", "", "table size", "eth peers", adsTitle));
    lines.add(
        String.format(
            "%-16s %5s   %s   %s%s   %s",
            "", "nodes", minAvgMax, minAvgMax, adsHeader, "have eth peers"));
    lines.add(
        String.format(
            "%s %5d   %s   %s%s   %d / %d",
            GREEN + String.format("%-16s", "eth") + RESET,
            eth.size(),
            minAvgMax(tables(eth)),
            minAvgMax(peers(eth)),
            topics ? "   " + minAvgMax(ads(eth)) : "",
            s.ethNodesWithEthPeers(),
            eth.size()));
    lines.add(
        String.format(
            "%s %5d   %s   %16s%s   %s",
            DIM + String.format("%-16s", "discovery only") + RESET,
            other.size(),
            minAvgMax(tables(other)),
            "-",
            topics ? "   " + minAvgMax(ads(other)) : "",
            "-"));
    if (topics) {
      lines.add(
          String.format(
              "eth nodes whose eth topic ad is held by a registrar: %d / %d",
              s.ethNodesAdvertised(), eth.size()));
    }
    lines.add("");
    List<Devnet.NodeState> shown = s.nodes().size() <= GRID_MAX_NODES ? s.nodes() : eth;
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < shown.size(); i++) {
      row.append(cell(shown.get(i)));
      if ((i + 1) % GRID_COLUMNS == 0 || i == shown.size() - 1) {
        lines.add(row.toString());
        row.setLength(0);
      }
    }
    lines.add("");
    lines.add(
        String.format(
            Locale.ROOT,
            "discovery packets sent %,d   RLPx dials %,d (%,d kept)   non-eth nodes dialled %d",
            s.packetsSent(),
            s.dialsAttempted(),
            s.dialsSucceeded(),
            s.nonEthDialled()));
    return lines;
  }

  /** A node in the grid: index, table size, eth peers; green with peers, yellow without. */
  private static String cell(Devnet.NodeState n) {
    if (!n.eth()) return DIM + String.format("%3d t%-3d      ", n.index(), n.tableSize()) + RESET;
    String color = n.ethPeers() > 0 ? GREEN : YELLOW;
    return color
        + String.format("%3d t%-3d p%-3d ", n.index(), n.tableSize(), n.ethPeers())
        + RESET;
  }

  private String plainLine(Devnet.Snapshot s, Duration elapsed) {
    IntSummaryStatistics table = tables(s.nodes());
    IntSummaryStatistics peers = peers(s.ethNodes());
    return String.format(
            Locale.ROOT,
            "%s: table avg %.1f (min %d, max %d), eth nodes with eth peers %d/%d, eth peers avg"
                + " %.1f, discovery packets sent %d, RLPx dials %d (%d kept), non-eth nodes dialled"
                + " %d",
            seconds(elapsed),
            table.getAverage(),
            table.getMin(),
            table.getMax(),
            s.ethNodesWithEthPeers(),
            s.ethNodes().size(),
            peers.getCount() == 0 ? 0.0 : peers.getAverage(),
            s.packetsSent(),
            s.dialsAttempted(),
            s.dialsSucceeded(),
            s.nonEthDialled())
        + (topics
            ? String.format(
                ", topic ads held %d, eth nodes advertised %d/%d",
                s.adsHeld(), s.ethNodesAdvertised(), s.ethNodes().size())
            : "");
  }

  private List<String> summary(Devnet.Snapshot s, Duration elapsed) {
    IntSummaryStatistics peers = peers(s.ethNodes());
    IntSummaryStatistics table = tables(s.nodes());
    String failures =
        s.dialFailures().isEmpty()
            ? "none failed"
            : "failed: "
                + s.dialFailures().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
    List<String> lines = new ArrayList<>();
    lines.addAll(
        List.of(
            String.format(
                "summary after %s, %d nodes (%d eth, %d discovery only):",
                seconds(elapsed), s.nodes().size(), s.ethNodes().size(), s.discoveryNodes().size()),
            String.format(
                "  eth nodes with eth peers:  %d of %d",
                s.ethNodesWithEthPeers(), s.ethNodes().size()),
            String.format(
                Locale.ROOT,
                "  eth peers per eth node:    min %d, avg %.1f, max %d; all of them eth nodes: %s",
                peers.getCount() == 0 ? 0 : peers.getMin(),
                peers.getCount() == 0 ? 0.0 : peers.getAverage(),
                peers.getCount() == 0 ? 0 : peers.getMax(),
                s.ethPeersAllEth() ? "yes" : "NO"),
            String.format(
                "  non-eth nodes dialled:     %d of %d",
                s.nonEthDialled(), s.discoveryNodes().size()),
            String.format(Locale.ROOT, "  discovery packets sent:    %,d", s.packetsSent()),
            String.format(
                Locale.ROOT,
                "  RLPx dials:                %,d, %,d kept; %s",
                s.dialsAttempted(),
                s.dialsSucceeded(),
                failures),
            String.format(
                Locale.ROOT,
                "  table size:                min %d, avg %.1f, max %d",
                table.getMin(),
                table.getAverage(),
                table.getMax())));
    if (topics) {
      lines.add(
          String.format(
              "  topic ads held:            %d; eth nodes advertised by a registrar: %d of %d",
              s.adsHeld(), s.ethNodesAdvertised(), s.ethNodes().size()));
    }
    return lines;
  }

  private String summaryJson(Devnet.Snapshot s, Duration elapsed) {
    ObjectNode o = new ObjectMapper().createObjectNode();
    o.put("seconds", elapsed.toSeconds());
    o.put("nodes", s.nodes().size());
    o.put("ethNodes", s.ethNodes().size());
    o.put("ethNodesWithEthPeers", s.ethNodesWithEthPeers());
    o.put("ethPeersAllEth", s.ethPeersAllEth());
    o.put("nonEthNodesDialled", s.nonEthDialled());
    o.put("discoveryPacketsSent", s.packetsSent());
    o.put("topics", topics);
    o.put("topicAdsHeld", s.adsHeld());
    o.put("ethNodesAdvertised", s.ethNodesAdvertised());
    o.put("dialsAttempted", s.dialsAttempted());
    o.put("dialsKept", s.dialsSucceeded());
    ObjectNode failures = o.putObject("dialFailures");
    s.dialFailures().forEach(failures::put);
    var peers = o.putArray("ethPeers");
    s.ethNodes().forEach(n -> peers.add(n.ethPeers()));
    return o.toString();
  }
}
