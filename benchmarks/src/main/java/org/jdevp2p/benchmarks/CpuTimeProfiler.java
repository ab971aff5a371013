package org.jdevp2p.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Process CPU time per operation, over every thread of the benchmark JVM (benchmark threads, Netty
 * event loops, GC, JIT): {@code -prof org.jdevp2p.benchmarks.CpuTimeProfiler}. On a machine shared
 * with other work, wall-clock throughput says how busy the machine was; CPU time per operation says
 * what one operation costs, and 1 / (CPU time per op) bounds the throughput of one core.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private long startNanos;

  @Override
  public String getDescription() {
    return "process CPU time per operation, all threads";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    startNanos = OS.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long used = OS.getProcessCpuTime() - startNanos;
    long ops = result.getMetadata().getAllOps();
    double perOp = ops == 0 ? Double.NaN : used / 1e3 / ops;
    return List.of(new ScalarResult("cpu", perOp, "us/op", AggregationPolicy.AVG));
  }
}
