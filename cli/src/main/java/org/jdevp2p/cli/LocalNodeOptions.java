package org.jdevp2p.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.enr.NodeRecord;
import picocli.CommandLine.Option;

/** The node a toolbox command runs for its work: where it listens and which key it uses. */
final class LocalNodeOptions {
  @Option(
      names = "--addr",
      paramLabel = "HOST:PORT",
      split = ",",
      defaultValue = "0.0.0.0:0,[::]:0",
      description = "UDP listen address, at most one per family (default: ${DEFAULT-VALUE}).")
  List<String> addrs;

  @Option(
      names = "--nodekey",
      paramLabel = "FILE",
      description = "Node key file (default: a new random key).")
  Path nodekey;

  @Option(
      names = "--request-timeout",
      paramLabel = "D",
      defaultValue = "700ms",
      converter = DurationConverter.class,
      description =
          "How long each request waits for a response (default: ${DEFAULT-VALUE}, geth's).")
  Duration requestTimeout;

  Discovery start(List<NodeRecord> bootnodes, Consumer<String> warn) {
    return start(bootnodes, "none", warn);
  }

  /** {@code nat}: as the bootnode's {@code --nat}, extip:IP or none. */
  Discovery start(List<NodeRecord> bootnodes, String nat, Consumer<String> warn) {
    PrivateKey key = nodekey == null ? PrivateKey.random() : KeyFiles.read(nodekey);
    return Endpoints.start(
        addrs,
        a ->
            Endpoints.listen(DiscoveryConfig.builder(key), a, nat)
                .bootnodes(bootnodes)
                .requestTimeout(requestTimeout)
                .build(),
        warn);
  }
}
