package org.jdevp2p.discv5.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * The IP score (paper §6, topics.md §4): for depth i = 1..L a point when the counter p_i on the
 * address's path exceeds root / 2^i; score = points / L. Expected values are worked out by hand in
 * each test.
 */
class IpTreeTest {
  private final IpTree v4 = new IpTree(IpTree.IPV4_LEVELS);

  private static long key(String ip) throws Exception {
    return IpTree.key(IpTree.unmapped(InetAddress.getByName(ip)));
  }

  private void add(String... ips) throws Exception {
    for (String ip : ips) {
      v4.add(key(ip));
    }
  }

  @Test
  void anEmptyTreeScoresZero() throws Exception {
    assertThat(v4.score(key("10.0.0.1"))).isZero();
  }

  @Test
  void theSoleAddressScoresOnEveryLevel() throws Exception {
    add("10.0.0.1");
    // root 1; p_i = 1 > 1/2^i at all 32 depths: 32/32
    assertThat(v4.score(key("10.0.0.1"))).isEqualTo(1.0);
  }

  @Test
  void aNeighbourOfACrowdedSubnetScoresOnTheSharedPrefix() throws Exception {
    add("10.0.0.1", "10.0.0.2", "10.0.0.3", "192.168.0.1");
    // root 4. Last octets: 1 = 00000001, 2 = 00000010, 3 = 00000011, 4 = 00000100, so 10.0.0.4
    // shares 24 + 5 = 29 bits with the three: p_i = 3 > 4/2^i for i = 1..29, then absent: 29/32
    assertThat(v4.score(key("10.0.0.4"))).isEqualTo(29.0 / 32);
  }

  @Test
  void theLoneAddressInTheOtherHalfScoresBelowItsDepth() throws Exception {
    add("10.0.0.1", "10.0.0.2", "10.0.0.3", "192.168.0.1");
    // 192 = 11000000. depth 1: p = 1, not > 4/2 = 2; depth 2: p = 1, not > 4/4 = 1;
    // depths 3..32: p = 1 > 4/2^i: 30/32
    assertThat(v4.score(key("192.168.0.1"))).isEqualTo(30.0 / 32);
  }

  @Test
  void aFreshPrefixScoresZero() throws Exception {
    add("10.0.0.1", "10.0.0.2", "10.0.0.3", "192.168.0.1");
    // 172 = 10101100: depth 1 shares '1' with 192 (p = 1, not > 2); depth 2 '10' is absent: 0
    assertThat(v4.score(key("172.16.0.1"))).isZero();
  }

  @Test
  void anEvenlySpreadTreeGivesNoPointAtTheSplit() throws Exception {
    add("64.0.0.1", "128.0.0.1");
    // root 2. 0.0.0.1 (00...) depth 1: p = 1 (64 = 01...), not > 1; depth 2: absent: 0
    assertThat(v4.score(key("0.0.0.1"))).isZero();
    // 64.0.0.2: depth 1: p = 1, not > 1; depths 2..30: p = 1 > 2/2^i (29 points); 31, 32 differ
    // (…01 vs …10): 29/32
    assertThat(v4.score(key("64.0.0.2"))).isEqualTo(29.0 / 32);
  }

  @Test
  void ipv6IsScoredOnItsTop64BitsOnly() throws Exception {
    IpTree v6 = new IpTree(IpTree.IPV6_LEVELS);
    v6.add(key("2001:db8:1:2::1"));
    // same /64, another interface id: the same key, so every one of the 64 levels scores
    assertThat(key("2001:db8:1:2:ffff:ffff:ffff:ffff")).isEqualTo(key("2001:db8:1:2::1"));
    assertThat(v6.score(key("2001:db8:1:2:ffff::7"))).isEqualTo(1.0);
  }

  @Test
  void anIpv4MappedAddressIsItsIpv4Address() throws Exception {
    byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
    InetAddress v6 = Inet6Address.getByAddress(null, mapped, -1);

    assertThat(IpTree.unmapped(v6)).isEqualTo(InetAddress.getByName("10.0.0.1"));
  }

  @Test
  void anAddressLeavesNoVertexBehindWhenItsLastAdGoes() throws Exception {
    add("10.0.0.1", "192.168.0.1");
    long leaving = key("10.0.0.1");
    v4.bound(leaving).apply(1_000, 0); // a bound kept at its leaf

    v4.remove(leaving);

    // the deepest vertex on its path is now the root, whose bound never rose
    assertThat(v4.bound(leaving).apply(0, 0)).isZero();
    assertThat(v4.size()).isEqualTo(1);
  }

  @Test
  void anAddressStillCachedKeepsItsVertices() throws Exception {
    add("10.0.0.1", "10.0.0.1");
    long key = key("10.0.0.1");
    v4.bound(key).apply(1_000, 0);

    v4.remove(key);

    assertThat(v4.bound(key).apply(0, 0)).isEqualTo(1_000);
  }
}
