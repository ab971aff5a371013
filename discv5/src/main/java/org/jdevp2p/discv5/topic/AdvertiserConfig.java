package org.jdevp2p.discv5.topic;

/**
 * The advertiser's settings where the spec may still move (topics.md §8, §11.17).
 *
 * @param registrationsPerBucket K_register: registrations kept per bucket of an advertised topic's
 *     table, active or under way (1 to {@link #MAX_REGISTRATIONS_PER_BUCKET}). The spec and the
 *     paper's simulations use 5, the Logos RFC 3.
 */
public record AdvertiserConfig(int registrationsPerBucket) {

  /** The spec's K_register. */
  public static final int DEFAULT_REGISTRATIONS_PER_BUCKET = 5;

  /**
   * A bucket of the topic table holds 16 registrars (topics.md §5), and one advertiser places one
   * registration per registrar: a larger K_register could never be filled.
   */
  public static final int MAX_REGISTRATIONS_PER_BUCKET = TopicTable.BUCKET_SIZE;

  /** The spec's K_register of 5. */
  public static final AdvertiserConfig DEFAULT =
      new AdvertiserConfig(DEFAULT_REGISTRATIONS_PER_BUCKET);

  public AdvertiserConfig {
    if (registrationsPerBucket < 1 || registrationsPerBucket > MAX_REGISTRATIONS_PER_BUCKET) {
      throw new IllegalArgumentException(
          "registrations per bucket must be 1.."
              + MAX_REGISTRATIONS_PER_BUCKET
              + ", got "
              + registrationsPerBucket);
    }
  }
}
