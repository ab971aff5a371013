package org.jdevp2p.discv5.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.junit.jupiter.api.Test;

class AdvertiserConfigTest {

  @Test
  void aNodeKeepsTheSpecsFiveRegistrationsPerBucketByDefault() {
    DiscoveryConfig config = DiscoveryConfig.builder(PrivateKey.random()).build();
    assertThat(config.advertiser().registrationsPerBucket()).isEqualTo(5);
  }

  @Test
  void aNodeTakesTheLogosRfcsThree() {
    DiscoveryConfig config =
        DiscoveryConfig.builder(PrivateKey.random()).advertiser(new AdvertiserConfig(3)).build();
    assertThat(config.advertiser().registrationsPerBucket()).isEqualTo(3);
  }

  @Test
  void rejectsZeroRegistrationsPerBucket() {
    assertThatThrownBy(() -> new AdvertiserConfig(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("registrations per bucket");
  }

  @Test
  void rejectsMoreRegistrationsPerBucketThanABucketHoldsRegistrars() {
    assertThatThrownBy(() -> new AdvertiserConfig(TopicTable.BUCKET_SIZE + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..16");
  }

  @Test
  void acceptsOneRegistrarPerMemberOfAFullBucket() {
    assertThat(new AdvertiserConfig(TopicTable.BUCKET_SIZE).registrationsPerBucket()).isEqualTo(16);
  }
}
