package org.jdevp2p.discv5;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.node.NodeId;

/**
 * The whole load of registrars as the paper's fairness model counts it (§7.2, Appendix A.2.1),
 * averaged over the registrars nearest to a topic: every topic's ads, not only that topic's.
 *
 * @param held ads held, time-averaged from the ledger's start of averaging ({@link
 *     AdLedger#meanHeld}), the model's d
 * @param heldAtEnd ads held at the end of the run
 * @param admitted ads admitted over the run
 * @param regTopics REGTOPIC messages received over the run, ticket retries included
 */
record RegistrarLoad(double held, double heldAtEnd, double admitted, double regTopics) {

  /** The mean load of the {@code n} nodes of {@code net} nearest to {@code topic}. */
  static RegistrarLoad nearest(SimNetwork net, AdLedger ledger, Bytes32 topic, int n) {
    List<NodeId> registrars = nearestIds(net, topic, n);
    return new RegistrarLoad(
        mean(registrars, ledger::meanHeld),
        mean(registrars, ledger::held),
        mean(registrars, ledger::admissions),
        mean(registrars, ledger::regTopics));
  }

  /** The ids of the {@code n} nodes of {@code net} nearest to {@code topic}, nearest first. */
  static List<NodeId> nearestIds(SimNetwork net, Bytes32 topic, int n) {
    NodeId target = new NodeId(topic);
    return net.nodes().stream().map(SimNode::id).sorted(target::compareDistance).limit(n).toList();
  }

  private static double mean(List<NodeId> registrars, ToDoubleFunction<NodeId> value) {
    return registrars.stream().mapToDouble(value).average().orElse(0);
  }

  /** This load beside {@code other}'s, with the ratio of each measure. */
  String against(RegistrarLoad other) {
    return String.format(
        Locale.ROOT,
        "ads held (mean) %.1f vs %.1f (%.2fx), at the end %.1f vs %.1f, ads admitted %.1f vs %.1f"
            + " (%.2fx), REGTOPICs %.0f vs %.0f (%.2fx)",
        held,
        other.held,
        held / other.held,
        heldAtEnd,
        other.heldAtEnd,
        admitted,
        other.admitted,
        admitted / other.admitted,
        regTopics,
        other.regTopics,
        regTopics / other.regTopics);
  }
}
