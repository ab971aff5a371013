package org.jdevp2p.benchmarks.discv5;

/** The discv5 implementations a benchmark compares, by the name its {@code @Param} carries. */
enum Implementation {
  /** Ours, with the defaults of {@code DiscoveryConfig}. */
  jdevp2p,
  /** Teku's discovery library, with its inbound traffic cap raised (see {@link TekuNode}). */
  teku;

  BenchNode start() {
    return switch (this) {
      case jdevp2p -> JdevpNode.start();
      case teku -> TekuNode.start();
    };
  }
}
