package org.jdevp2p.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Walks the network like geth's {@code devp2p discv5 crawl}: random lookups find nodes, each found
 * node is asked for its record (FINDNODE distance 0, geth's RequestENR) and for the far end of its
 * table, and the answers are merged into a nodes.json with geth's scoring: a response adds one,
 * silence halves the score, a node whose score reaches zero is dropped, a node never heard from is
 * not added. As in geth's crawler, the --timeout runs from the moment every node the crawl starts
 * from has been rechecked, and the checks still running when it ends are waited for: however slow
 * the machine or the peers, a crawl never writes a node it was given without its recheck.
 */
@Command(
    name = "crawl",
    mixinStandardHelpOptions = true,
    description = "Crawl the network into a nodes.json (geth's format), merging an existing one.")
final class CrawlCommand implements Runnable {
  /** Lookups run at once: geth's crawler runs one lookup per thread; three keep the queue full. */
  static final int PARALLEL_LOOKUPS = 3;

  /** Existing nodes handed to discovery as its first contacts when no --bootnodes are given. */
  static final int MAX_SEEDS = 16;

  /** Distances asked of each answering node: its three farthest buckets hold half its table. */
  static final List<Integer> NEIGHBOUR_DISTANCES = List.of(256, 255, 254);

  /**
   * Requests per node before its silence counts: one retry rides out a lost datagram or a peer busy
   * for a moment (geth's crawler retries a node at its next round instead).
   */
  static final int CHECK_ATTEMPTS = 2;

  /** How often the progress line is printed. */
  static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);

  /** How long the main loop waits between rounds; results arrive on the discovery thread. */
  static final long POLL_MILLIS = 50;

  @Spec CommandSpec spec;
  @Mixin Verbosity verbosity;
  @Mixin LocalNodeOptions local;

  @Option(
      names = "--bootnodes",
      paramLabel = "ENR",
      split = ",",
      description = "Nodes to start from (default: the best nodes of --out).")
  List<String> bootnodes = List.of();

  @Option(
      names = "--out",
      paramLabel = "FILE",
      required = true,
      description = "nodes.json to write; an existing file is merged and its nodes rechecked.")
  Path out;

  @Option(
      names = "--timeout",
      paramLabel = "D",
      defaultValue = "30m",
      converter = DurationConverter.class,
      description =
          "How long to crawl once the nodes of --out and the --bootnodes have been rechecked"
              + " (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "16",
      description = "Nodes checked at once (default: ${DEFAULT-VALUE}).")
  int parallel;

  private final ConcurrentLinkedQueue<Runnable> completions = new ConcurrentLinkedQueue<>();
  private final ArrayDeque<NodeRecord> toCheck = new ArrayDeque<>();
  private final java.util.Map<NodeId, Integer> attempts = new java.util.HashMap<>();
  private final Set<NodeId> queued = new HashSet<>();
  private final Set<NodeId> inputUnchecked = new HashSet<>();
  private final SecureRandom random = new SecureRandom();
  private NodeSet set;
  private int lookups;
  private int checking;
  private int checked;
  private int answered;
  private int added;
  private int removed;

  @Override
  public void run() {
    if (parallel < 1) throw new CommandFailedException("--parallel must be at least 1");
    PrintWriter err = spec.commandLine().getErr();
    set = NodeSet.read(out, true);
    List<NodeRecord> seeds = new ArrayList<>(Endpoints.records(bootnodes));
    if (seeds.isEmpty()) {
      set.nodes().values().stream()
          .sorted(Comparator.comparingInt(NodeSet.Entry::score).reversed())
          .limit(MAX_SEEDS)
          .forEach(e -> seeds.add(e.record()));
    }
    if (seeds.isEmpty()) {
      throw new CommandFailedException(
          "nothing to start from: give --bootnodes or an existing --out");
    }
    int before = set.size();
    set.nodes().values().forEach(e -> discovered(e.record()));
    seeds.forEach(this::discovered);
    inputUnchecked.addAll(queued);
    Instant start = Instant.now();
    Instant deadline = null; // geth's crawler starts its timeout once its input is revalidated
    Instant nextProgress = start.plus(PROGRESS_INTERVAL);
    try (Discovery d = local.start(seeds, err::println)) {
      while (deadline == null || Instant.now().isBefore(deadline)) {
        runCompletions();
        if (deadline == null && inputUnchecked.isEmpty()) deadline = Instant.now().plus(timeout);
        while (lookups < PARALLEL_LOOKUPS) lookup(d);
        while (checking < parallel && !toCheck.isEmpty()) check(d, toCheck.poll());
        if (!Instant.now().isBefore(nextProgress)) {
          nextProgress = nextProgress.plus(PROGRESS_INTERVAL);
          err.println(progress(start));
          err.flush();
        }
        sleep();
      }
      // The checks under way end within the request timeout (geth's crawler waits for them too).
      while (checking > 0) {
        runCompletions();
        sleep();
      }
    }
    runCompletions();
    set.write(out);
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        "crawl: %d nodes in %s (%d before: %d added, %d removed); %d seen, %d of %d checked"
            + " answered, in %d s%n",
        set.size(),
        out,
        before,
        added,
        removed,
        queued.size(),
        answered,
        checked,
        Duration.between(start, Instant.now()).toSeconds());
  }

  /** Runs the work that answers handed to this thread. */
  private void runCompletions() {
    for (Runnable r; (r = completions.poll()) != null; ) r.run();
  }

  private String progress(Instant start) {
    return String.format(
        "crawl %ds: seen %d, verified %d, queue %d, checking %d",
        Duration.between(start, Instant.now()).toSeconds(),
        queued.size(),
        answered,
        toCheck.size(),
        checking);
  }

  private void discovered(NodeRecord r) {
    if (queued.add(r.nodeId())) toCheck.add(r);
  }

  private void lookup(Discovery d) {
    lookups++;
    byte[] target = new byte[32];
    random.nextBytes(target);
    d.lookup(new NodeId(Bytes32.wrap(target)))
        .whenComplete(
            (found, failure) ->
                completions.add(
                    () -> {
                      lookups--;
                      if (found != null) found.forEach(this::discovered);
                    }));
  }

  private void check(Discovery d, NodeRecord r) {
    checking++;
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    d.findNodes(r, List.of(0))
        .whenComplete(
            (records, failure) ->
                completions.add(
                    () -> {
                      checking--;
                      Optional<NodeRecord> got =
                          failure == null && !records.isEmpty()
                              ? Optional.of(records.getFirst())
                              : Optional.empty();
                      if (got.isEmpty()
                          && attempts.merge(r.nodeId(), 1, Integer::sum) < CHECK_ATTEMPTS) {
                        toCheck.add(r);
                        return;
                      }
                      checked++;
                      inputUnchecked.remove(r.nodeId());
                      update(r, got, now);
                      got.ifPresent(fresh -> neighbours(d, fresh));
                    }));
  }

  private void neighbours(Discovery d, NodeRecord r) {
    d.findNodes(r, NEIGHBOUR_DISTANCES)
        .whenComplete(
            (records, failure) -> {
              if (records != null) completions.add(() -> records.forEach(this::discovered));
            });
  }

  /** geth's {@code crawler.updateNode}. */
  private void update(NodeRecord asked, Optional<NodeRecord> got, Instant now) {
    Optional<NodeSet.Entry> old = set.get(asked.nodeId());
    NodeSet.Entry e =
        old.orElse(
            new NodeSet.Entry(asked, 0, Optional.empty(), Optional.empty(), Optional.empty()));
    if (got.isEmpty()) {
      if (e.score() == 0) return; // never answered: not added
      e =
          new NodeSet.Entry(
              e.record(), e.score() / 2, e.firstResponse(), e.lastResponse(), Optional.of(now));
    } else {
      answered++;
      NodeRecord newest = got.get().seq() >= e.record().seq() ? got.get() : e.record();
      e =
          new NodeSet.Entry(
              newest,
              e.score() + 1,
              e.firstResponse().or(() -> Optional.of(now)),
              Optional.of(now),
              Optional.of(now));
    }
    if (e.score() <= 0) {
      set.remove(asked.nodeId());
      removed++;
    } else {
      if (old.isEmpty()) added++;
      set.put(e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("interrupted");
    }
  }
}
