package org.jdevp2p.discv5;

import java.util.Arrays;
import java.util.Locale;

/** Order statistics of a sample, for simulation reports. */
record Distribution(int count, double mean, long median, long p99, long max, long min) {

  static Distribution of(long[] values) {
    if (values.length == 0) return new Distribution(0, 0, 0, 0, 0, 0);
    long[] v = values.clone();
    Arrays.sort(v);
    double sum = 0;
    for (long x : v) sum += x;
    return new Distribution(
        v.length,
        sum / v.length,
        v[(v.length - 1) / 2],
        v[(int) Math.ceil(0.99 * v.length) - 1],
        v[v.length - 1],
        v[0]);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "n=%d mean=%.1f median=%d p99=%d max=%d min=%d",
        count,
        mean,
        median,
        p99,
        max,
        min);
  }
}
