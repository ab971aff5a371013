package org.jdevp2p.discv5.topic;

/**
 * One lower bound on a term of the waiting time (discv5-theory.md "Waiting time", paper §6.1): the
 * largest value handed out recently, decaying one millisecond per millisecond. A registrant that
 * asks again right away, hoping the cache has emptied a little, gets no shorter wait than the one
 * it was given; only time brings it down. The paper prints {@code bound − timestamp}; it means the
 * time elapsed since the bound was set (topics.md §11.13).
 */
final class LowerBound {
  private double bound;
  private long since;

  /**
   * The term to use now: {@code max(fresh, bound − (now − since))}. When the fresh value is the
   * larger, it becomes the bound, counted from now.
   */
  double apply(double fresh, long nowMillis) {
    double decayed = bound - (nowMillis - since);
    if (fresh >= decayed) {
      bound = fresh;
      since = nowMillis;
      return fresh;
    }
    return decayed;
  }
}
