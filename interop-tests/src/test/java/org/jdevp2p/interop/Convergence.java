package org.jdevp2p.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Runs rounds of lookups on every node of a network until each has found every other one, in its
 * routing table or in a lookup's answer.
 */
final class Convergence {
  /**
   * Pause before each round. Teku answers a lookup from its table at once and fills the table in
   * the background; without a pause, rounds spin before its liveness checks have run.
   */
  private static final Duration ROUND_PAUSE = Duration.ofSeconds(1);

  private final List<Discv5Peer> nodes;
  private final Map<Discv5Peer, Set<String>> found = new HashMap<>();

  Convergence(List<Discv5Peer> nodes) {
    this.nodes = List.copyOf(nodes);
    nodes.forEach(n -> found.put(n, new HashSet<>()));
  }

  /**
   * What is still missing after some rounds: for each node the peers it has not found, and the
   * lookup failures of the last round in the peers' own words.
   */
  record Outcome(int rounds, Map<String, List<String>> missing, List<String> lookupErrors) {
    @Override
    public String toString() {
      return "after "
          + rounds
          + " rounds of lookups:\n"
          + missing.entrySet().stream()
              .map(e -> "  " + e.getKey() + " has not found " + e.getValue())
              .collect(Collectors.joining("\n"))
          + (lookupErrors.isEmpty()
              ? ""
              : "\nlookup errors:\n  " + String.join("\n  ", lookupErrors));
    }
  }

  /** Runs up to {@code maxRounds} rounds (each node one lookup, all in parallel). */
  Outcome run(int maxRounds) {
    Outcome outcome = null;
    for (int round = 1; round <= maxRounds; round++) {
      pause();
      outcome = round(round);
      if (outcome.missing().isEmpty()) {
        break;
      }
    }
    return outcome;
  }

  private static void pause() {
    try {
      Thread.sleep(ROUND_PAUSE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private Outcome round(int round) {
    List<String> errors = new ArrayList<>();
    Map<Discv5Peer, CompletableFuture<List<String>>> lookups = new HashMap<>();
    nodes.forEach(node -> lookups.put(node, node.lookup()));
    for (Discv5Peer node : nodes) {
      try {
        Await.done(lookups.get(node), node + " lookup")
            .forEach(e -> found.get(node).add(Enrs.nodeId(e)));
      } catch (AssertionError e) {
        errors.add(e.getMessage());
      }
      found.get(node).addAll(node.tableNodeIds());
    }
    Map<String, List<String>> missing = new LinkedHashMap<>();
    for (Discv5Peer node : nodes) {
      List<String> notFound =
          nodes.stream()
              .filter(other -> other != node && !found.get(node).contains(other.nodeId()))
              .map(Discv5Peer::toString)
              .toList();
      if (!notFound.isEmpty()) {
        missing.put(node.toString(), notFound);
      }
    }
    return new Outcome(round, missing, errors);
  }
}
