package org.jdevp2p.rlpx.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class AuthReplayCacheTest {
  private static final long NOW = 1_800_000_000L;

  private static Bytes32 nonce(int i) {
    return Bytes32.leftPad(Bytes.ofUnsignedInt(i));
  }

  @Test
  void nonceIsFirstSeenOnceWhileItsAuthIsValid() {
    AuthReplayCache cache = new AuthReplayCache();
    assertThat(cache.firstSeen(nonce(1), NOW + 15, NOW)).isTrue();
    assertThat(cache.firstSeen(nonce(1), NOW + 15, NOW + 15)).isFalse();
  }

  @Test
  void nonceMayReturnOnceItsAuthHasExpired() {
    AuthReplayCache cache = new AuthReplayCache();
    cache.firstSeen(nonce(1), NOW + 15, NOW);
    assertThat(cache.firstSeen(nonce(1), NOW + 31, NOW + 16)).isTrue();
  }

  @Test
  void expiredNoncesAreForgotten() {
    AuthReplayCache cache = new AuthReplayCache();
    cache.firstSeen(nonce(1), NOW + 1, NOW);
    cache.firstSeen(nonce(2), NOW + 1, NOW);
    cache.firstSeen(nonce(3), NOW + 30, NOW + 2);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void fullCacheDropsItsOldestNonce() {
    AuthReplayCache cache = new AuthReplayCache(2);
    cache.firstSeen(nonce(1), NOW + 30, NOW);
    cache.firstSeen(nonce(2), NOW + 30, NOW);
    cache.firstSeen(nonce(3), NOW + 30, NOW);

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.firstSeen(nonce(3), NOW + 30, NOW)).isFalse();
    assertThat(cache.firstSeen(nonce(1), NOW + 30, NOW)).isTrue();
  }
}
