package org.jdevp2p.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.eth.EthEntry;
import org.jdevp2p.eth.ForkFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Operations on nodes.json files, like geth's {@code devp2p nodeset}. */
@Command(
    name = "nodeset",
    mixinStandardHelpOptions = true,
    description = "Work with nodes.json files (geth's format).",
    subcommands = {NodesetCommand.Filter.class})
final class NodesetCommand {

  @Command(
      name = "filter",
      mixinStandardHelpOptions = true,
      description = "Print the nodes of a nodes.json that pass every given filter, as nodes.json.")
  static final class Filter implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;

    @Parameters(paramLabel = "FILE", description = "A nodes.json.")
    Path file;

    @Option(
        names = {"-eth-network", "--eth-network"},
        paramLabel = "NAME",
        description =
            "mainnet or sepolia: only nodes whose ENR eth entry carries a fork id compatible"
                + " with that chain now (EIP-2124).")
    String ethNetwork;

    @Option(
        names = {"-min-age", "--min-age"},
        paramLabel = "D",
        converter = DurationConverter.class,
        description = "Only nodes that answered over at least this span (last - first response).")
    Duration minAge;

    @Option(
        names = {"-limit", "--limit"},
        paramLabel = "N",
        description = "At most N nodes, highest score first.")
    Integer limit;

    @Override
    public void run() {
      NodeSet in = NodeSet.read(file, false);
      Predicate<NodeSet.Entry> keep = e -> true;
      if (ethNetwork != null) keep = keep.and(ethFilter(ethNetwork));
      if (minAge != null) keep = keep.and(e -> age(e).compareTo(minAge) >= 0);
      if (limit != null && limit < 0) throw new CommandFailedException("-limit must be >= 0");
      List<NodeSet.Entry> kept =
          in.nodes().values().stream()
              .filter(keep)
              .sorted(Comparator.comparingInt(NodeSet.Entry::score).reversed())
              .limit(limit == null ? Long.MAX_VALUE : limit)
              .toList();
      NodeSet result = new NodeSet();
      kept.forEach(result::put);
      spec.commandLine().getOut().print(result.toJson());
    }

    /** geth's {@code minAgeFilter}: the span between first and last response. */
    private static Duration age(NodeSet.Entry e) {
      if (e.firstResponse().isEmpty() || e.lastResponse().isEmpty()) return Duration.ZERO;
      return Duration.between(e.firstResponse().get(), e.lastResponse().get());
    }

    /** geth's {@code ethFilter}: the record's eth entry must pass the chain's fork filter. */
    private static Predicate<NodeSet.Entry> ethFilter(String network) {
      ChainConfig chain;
      try {
        chain = ChainConfig.byName(network);
      } catch (IllegalArgumentException e) {
        throw new CommandFailedException("-eth-network: " + e.getMessage());
      }
      ForkFilter filter = ForkFilter.synced(chain, InstantSource.system());
      return e -> compatible(e.record(), filter);
    }

    private static boolean compatible(NodeRecord r, ForkFilter filter) {
      return r.get(EthEntry.KEY)
          .map(
              value -> {
                try {
                  return filter.validate(EthEntry.decode(value).forkId()).accepted();
                } catch (IllegalArgumentException e) {
                  return false; // an eth entry that does not decode
                }
              })
          .orElse(false);
    }
  }
}
