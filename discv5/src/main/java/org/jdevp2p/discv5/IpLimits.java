package org.jdevp2p.discv5;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts addresses per subnet prefix and refuses more than {@code limit} in one prefix, as geth's
 * {@code netutil.DistinctNetSet}: an attacker holding one /24 cannot fill a bucket or the table.
 * Loopback, site-local and link-local addresses are exempt (geth exempts LAN addresses), so local
 * test networks with many nodes behind 127.0.0.1 work.
 */
final class IpLimits {
  private final int limit;
  private final Map<Prefix, Integer> counts = new HashMap<>();

  private record Prefix(int family, int bits) {}

  IpLimits(int limit) {
    this.limit = limit;
  }

  /** True if one more address of this prefix would stay within the limit. */
  boolean allows(InetAddress ip) {
    return isExempt(ip) || counts.getOrDefault(prefixOf(ip), 0) < limit;
  }

  void add(InetAddress ip) {
    if (!isExempt(ip)) counts.merge(prefixOf(ip), 1, Integer::sum);
  }

  void remove(InetAddress ip) {
    if (!isExempt(ip)) counts.computeIfPresent(prefixOf(ip), (p, c) -> c == 1 ? null : c - 1);
  }

  static boolean isExempt(InetAddress ip) {
    if (ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress()) return true;
    byte[] b = ip.getAddress();
    // fc00::/7, IPv6 unique local addresses: the IPv6 form of a LAN.
    return b.length == 16 && (b[0] & 0xfe) == 0xfc;
  }

  /** The first 24 bits: geth's {@code bucketSubnet} and {@code tableSubnet}, for both families. */
  private static Prefix prefixOf(InetAddress ip) {
    byte[] b = ip.getAddress();
    int bits = ((b[0] & 0xff) << 16) | ((b[1] & 0xff) << 8) | (b[2] & 0xff);
    return new Prefix(b.length, bits);
  }
}
