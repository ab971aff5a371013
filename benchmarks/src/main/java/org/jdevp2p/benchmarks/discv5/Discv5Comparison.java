package org.jdevp2p.benchmarks.discv5;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the discv5 PING and handshake benchmarks for every implementation in one JVM run and prints
 * each figure side by side with the ratio ours / Teku's. Arguments are JMH's own (e.g. {@code -wi 1
 * -i 3 -r 3s}); without an include pattern it runs {@link PingBenchmark} and {@link
 * HandshakeBenchmark}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.jdevp2p.benchmarks.discv5.Discv5Comparison
 * </pre>
 */
public final class Discv5Comparison {
  private static final String OURS = "jdevp2p";
  private static final String REFERENCE = "teku";

  private Discv5Comparison() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions cli = new CommandLineOptions(args);
    OptionsBuilder builder = new OptionsBuilder();
    builder.parent(cli);
    if (cli.getIncludes().isEmpty()) {
      builder
          .include(PingBenchmark.class.getName() + ".")
          .include(HandshakeBenchmark.class.getName() + ".");
    }
    Options options = builder.build();
    System.out.println(table(run(options)));
  }

  private static Collection<RunResult> run(Options options) throws RunnerException {
    return new Runner(options).run();
  }

  /** One line per benchmark: each implementation's score, then ours / Teku's. */
  static String table(Collection<RunResult> results) {
    Map<String, Map<String, Double>> scores = new TreeMap<>();
    String unit = "";
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      String implementation = result.getParams().getParam("implementation");
      if (implementation == null) continue; // a benchmark of another package the pattern matched
      scores
          .computeIfAbsent(
              benchmark.substring(Discv5Comparison.class.getPackageName().length() + 1),
              k -> new TreeMap<>())
          .put(implementation, result.getPrimaryResult().getScore());
      unit = result.getPrimaryResult().getScoreUnit();
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%n%-42s %14s %14s %8s  (%s)%n", "benchmark", OURS, REFERENCE, "ratio", unit));
    scores.forEach(
        (benchmark, byImpl) -> {
          Double ours = byImpl.get(OURS);
          Double reference = byImpl.get(REFERENCE);
          out.append(
              String.format(
                  "%-42s %14s %14s %8s%n",
                  benchmark,
                  ours == null ? "-" : String.format("%.0f", ours),
                  reference == null ? "-" : String.format("%.0f", reference),
                  ours == null || reference == null
                      ? "-"
                      : String.format("%.2f", ours / reference)));
        });
    return out.toString();
  }
}
