package org.jdevp2p.discv5;

import java.util.Locale;

/**
 * The DISC-NG paper's analytic model of registrar fairness (§7.2, Figure 8, Appendix A.2.1), solved
 * numerically: the figure "a 100× more popular topic loads its nearest registrar only 1.6× more"
 * comes from this model, not from a simulation.
 *
 * <p>Two topics A and B on opposite sides of the key space, N nodes of which N_a advertise A and
 * N_b advertise B, and N_x requests of other topics ("background load"). Registrar A, nearest to A,
 * hears from all N_a advertisers of A and, being in B's farthest bucket (half of the network), from
 * N_b · K_register / (N/2) advertisers of B; registrar B is the mirror image. With complete IP
 * diversity (IP score 0) the mean number of ads of each topic in a registrar's cache of capacity n
 * is (eqs. 7–9)
 *
 * <pre>
 *   d_i = x_i / (1 + (b + d_i/d) · (1 − d/n)^(−P_occ)),   d = d_a + d_b + d_x
 * </pre>
 *
 * for x_i requesting advertisers of topic i: an ad stays a/(a + w) of the time, w = a·(b +
 * d_i/d)·(1 − d/n)^(−P_occ). A registrar's request rate is d/a, so its "load" is d, its whole
 * cache. Arguments ({@code name=value}): {@code nodes} (25000), {@code advertisers} (15000: N_a +
 * N_b), {@code background} (100), {@code kRegister} (5), {@code ipScore} (0, the paper's
 * assumption).
 */
final class FairnessModel {

  /**
   * Bisection steps on d: each halves the interval (0, n), so 200 steps reach the limit of a double
   * for any capacity.
   */
  private static final int BISECTION_STEPS = 200;

  /** The popularity ratios N_a/N_b of the paper's Figure 8 x-axis. */
  static final int[] RATIOS = {1, 2, 5, 10, 20, 50, 100};

  /**
   * The waiting-time constants of one registrar.
   *
   * @param capacity the cache size n (spec C)
   * @param occupancyExponent P_occ
   * @param base b (spec G)
   */
  record Constants(int capacity, int occupancyExponent, double base) {
    /** The spec's constants with cache size n: P_occ = 10, b = G = 1e-7. */
    static Constants spec(int capacity) {
      return new Constants(capacity, 10, 1e-7);
    }

    /**
     * The spec's constants with every registrant's IP score {@code ipScore} added to b: the model
     * without its "complete IP diversity" assumption, for an address plan that scores the same for
     * everyone.
     */
    static Constants spec(int capacity, double ipScore) {
      return new Constants(capacity, 10, 1e-7 + ipScore);
    }
  }

  /** Mean ads per topic in one registrar's cache, and their sum d. */
  record Cache(double[] perTopic, double total) {}

  /**
   * Solves eqs. 7–9 for one registrar: {@code requesters[i]} advertisers of topic i keep asking it.
   * For a fixed d each d_i is the positive root of (f/d)·d_i² + (1 + b·f)·d_i − x_i = 0 with f = (1
   * − d/n)^(−P_occ); the sum of those roots falls as d grows, so d = Σ d_i(d) has one root in (0,
   * n), found by bisection.
   */
  static Cache solve(double[] requesters, Constants k) {
    double lo = 0;
    double hi = k.capacity();
    for (int step = 0; step < BISECTION_STEPS; step++) {
      double d = (lo + hi) / 2;
      if (sum(perTopic(requesters, d, k)) > d) lo = d;
      else hi = d;
    }
    double d = (lo + hi) / 2;
    return new Cache(perTopic(requesters, d, k), d);
  }

  private static double[] perTopic(double[] requesters, double d, Constants k) {
    double f = Math.pow(1 - d / k.capacity(), -k.occupancyExponent());
    double linear = 1 + k.base() * f;
    double quadratic = f / d;
    double[] di = new double[requesters.length];
    for (int i = 0; i < requesters.length; i++) {
      double x = requesters[i];
      di[i] = 2 * x / (linear + Math.sqrt(linear * linear + 4 * quadratic * x));
    }
    return di;
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) s += v;
    return s;
  }

  /**
   * The scenario of Figure 8.
   *
   * @param nodes N
   * @param advertisers N_a + N_b
   * @param background N_x, requesters of other topics at both registrars
   * @param kRegister registrations an advertiser keeps per bucket
   */
  record Scenario(int nodes, int advertisers, double background, int kRegister) {
    /** The paper's Figure 8: N = 25000, N_a + N_b = 15000, N_x = 100, K_register = 5. */
    static final Scenario PAPER = new Scenario(25_000, 15_000, 100, 5);

    /** Advertisers of A for popularity ratio N_a/N_b = r. */
    double na(double r) {
      return advertisers * r / (r + 1);
    }

    double nb(double r) {
      return advertisers / (r + 1);
    }

    /** Advertisers of the far topic that reach a registrar in their farthest bucket. */
    double far(double advertisersOfFarTopic) {
      return advertisersOfFarTopic * kRegister / (nodes / 2.0);
    }

    /** Requesters of A, B and X at registrar A. */
    double[] atA(double r) {
      return new double[] {na(r), far(nb(r)), background};
    }

    /** Requesters of A, B and X at registrar B. */
    double[] atB(double r) {
      return new double[] {far(na(r)), nb(r), background};
    }

    /** d(registrar A) / d(registrar B) with admission control. */
    double loadRatio(double r, Constants k) {
      return solve(atA(r), k).total() / solve(atB(r), k).total();
    }

    /**
     * The paper's reference without admission control: every request waits the same fixed time, so
     * each registrar's load is proportional to the advertisers that ask it.
     */
    double fixedWaitRatio(double r) {
      return sum(atA(r)) / sum(atB(r));
    }
  }

  public static void main(String[] args) {
    SimArgs a = new SimArgs(args);
    Scenario s =
        new Scenario(
            a.integer("nodes", 25_000),
            a.integer("advertisers", 15_000),
            a.real("background", 100),
            a.integer("kRegister", 5));
    double ipScore = a.real("ipScore", 0);
    a.done();
    System.out.println(s + ", IP score " + ipScore);
    System.out.println(
        "Na/Nb | d(A) d(B) ratio, n=1000 | d(A) d(B) ratio, n=500 | fixed wait ratio");
    Constants spec = Constants.spec(1000, ipScore);
    Constants paperSims = Constants.spec(500, ipScore);
    for (int r : RATIOS) {
      System.out.println(
          String.format(
              Locale.ROOT,
              "%5d | %6.1f %6.1f %6.2f | %6.1f %6.1f %6.2f | %7.2f",
              r,
              solve(s.atA(r), spec).total(),
              solve(s.atB(r), spec).total(),
              s.loadRatio(r, spec),
              solve(s.atA(r), paperSims).total(),
              solve(s.atB(r), paperSims).total(),
              s.loadRatio(r, paperSims),
              s.fixedWaitRatio(r)));
    }
  }
}
