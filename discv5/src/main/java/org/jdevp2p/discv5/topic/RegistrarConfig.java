package org.jdevp2p.discv5.topic;

import java.time.Duration;
import java.util.Objects;

/**
 * The registrar's settings where the spec may still move (topics.md §11): the cache size C, the ad
 * lifetime E, the ticket window δ (the spec says "TBD") and whether an ad must point at the address
 * its REGTOPIC came from (devp2p issues #277 and #279 are open).
 *
 * @param capacity C, ads the cache holds at most
 * @param adLifetime E, how long an ad lives; also the longest wait a ticket asks for (1 ms to
 *     {@link Registrar#MAX_AD_LIFETIME})
 * @param ticketWindow δ, how late after its wait a ticket is still good
 * @param selfRegistrationOnly refuse a REGTOPIC whose record's ip and udp (or ip6 and udp6) are not
 *     the packet's source (topics.md §4 step 1, §11.4); off, any signed record of the sender is
 *     taken and the source address is still the one scored
 */
public record RegistrarConfig(
    int capacity, Duration adLifetime, Duration ticketWindow, boolean selfRegistrationOnly) {

  /** The spec's values and our δ of 10 s, self-registration only. */
  public static final RegistrarConfig DEFAULT =
      new RegistrarConfig(
          Registrar.DEFAULT_CAPACITY,
          Registrar.DEFAULT_AD_LIFETIME,
          Registrar.DEFAULT_TICKET_WINDOW,
          true);

  public RegistrarConfig {
    Objects.requireNonNull(adLifetime, "adLifetime");
    Objects.requireNonNull(ticketWindow, "ticketWindow");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    if (adLifetime.compareTo(Duration.ofMillis(Registrar.MIN_WAIT_MILLIS)) < 0
        || adLifetime.compareTo(Registrar.MAX_AD_LIFETIME) > 0) {
      throw new IllegalArgumentException(
          "ad lifetime must be 1 ms.." + Registrar.MAX_AD_LIFETIME + ", got " + adLifetime);
    }
    if (ticketWindow.isNegative()) {
      throw new IllegalArgumentException("ticket window must not be negative: " + ticketWindow);
    }
  }

  /** The same settings with another capacity. */
  public RegistrarConfig withCapacity(int c) {
    return new RegistrarConfig(c, adLifetime, ticketWindow, selfRegistrationOnly);
  }
}
