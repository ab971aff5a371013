package org.jdevp2p.discv5.topic;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.apache.tuweni.bytes.Bytes32;

/** Registrars with the spec's defaults and a chosen capacity, on a test's clock. */
final class Fixtures {
  /** The seed of the ad sampling, so that a failing run repeats. */
  static final long SEED = 6;

  private Fixtures() {}

  static Registrar registrar(VirtualClock clock, int capacity) {
    return new Registrar(
        capacity,
        Registrar.DEFAULT_AD_LIFETIME,
        Registrar.DEFAULT_TICKET_WINDOW,
        clock,
        new SplittableRandom(SEED),
        new SecureRandom());
  }

  static Registrar registrar(VirtualClock clock) {
    return registrar(clock, Registrar.DEFAULT_CAPACITY);
  }

  static Bytes32 topic(String name) {
    return Topic.of(name).id();
  }
}
