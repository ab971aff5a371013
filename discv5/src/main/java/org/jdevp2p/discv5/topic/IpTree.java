package org.jdevp2p.discv5.topic;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The registrar's binary prefix tree over the addresses of its cached ads, one per address family
 * (discv5-theory.md "IP address score", paper §6): a vertex per prefix that some cached ad's
 * address has, counting those ads; the root counts them all. An address is scored by how crowded
 * the prefixes on its path are, so a registrant whose address is close to many cached ones waits
 * longer, and an attacker with few prefixes cannot fill the cache.
 *
 * <p>Addresses are keys of up to 64 bits, most significant first: IPv4 uses its 32 bits, IPv6 its
 * top 64 (the interface half is free to whoever holds the prefix, so it says nothing about
 * diversity; topics.md §11.14).
 */
final class IpTree {
  /** Levels of the IPv4 tree: every bit of the address. */
  static final int IPV4_LEVELS = 32;

  /** Levels of the IPv6 tree: the routing prefix, the top 64 bits (topics.md §4, ours). */
  static final int IPV6_LEVELS = 64;

  /** Bytes 0..11 of an IPv4-mapped IPv6 address, {@code ::ffff:0:0/96} (RFC 4291 §2.5.5.2). */
  private static final int MAPPED_PREFIX_SIZE = 12;

  private final int levels;
  private final Vertex root = new Vertex();

  IpTree(int levels) {
    if (levels < 1 || levels > Long.SIZE) {
      throw new IllegalArgumentException("levels must be 1.." + Long.SIZE + ", got " + levels);
    }
    this.levels = levels;
  }

  /** A prefix and how many cached ads have an address under it. */
  private static final class Vertex {
    int count;
    Vertex zero;
    Vertex one;
    final LowerBound bound = new LowerBound();

    Vertex child(boolean bit) {
      return bit ? one : zero;
    }

    void setChild(boolean bit, Vertex v) {
      if (bit) {
        one = v;
      } else {
        zero = v;
      }
    }
  }

  /** Addresses in the tree (the root's counter). */
  int size() {
    return root.count;
  }

  /** Counts one more ad at {@code key}: +1 on every vertex of its path, creating the missing. */
  void add(long key) {
    root.count++;
    Vertex v = root;
    for (int depth = 1; depth <= levels; depth++) {
      boolean bit = bit(key, depth);
      Vertex c = v.child(bit);
      if (c == null) {
        c = new Vertex();
        v.setChild(bit, c);
      }
      c.count++;
      v = c;
    }
  }

  /**
   * Counts one ad less at {@code key}, which must have been added: −1 on its path; a vertex that
   * falls to zero goes, with everything under it (its lower bound too).
   */
  void remove(long key) {
    if (root.count == 0) {
      throw new IllegalStateException("remove from an empty tree");
    }
    root.count--;
    Vertex v = root;
    for (int depth = 1; depth <= levels; depth++) {
      boolean bit = bit(key, depth);
      Vertex c = v.child(bit);
      if (c == null) {
        throw new IllegalStateException("remove of a key that was never added");
      }
      if (--c.count == 0) {
        v.setChild(bit, null);
        return;
      }
      v = c;
    }
  }

  /**
   * The IP score (paper §6): for each depth i = 1..L, a point when the counter {@code p_i} on the
   * key's path exceeds {@code root / 2^i}, its share if the addresses were spread evenly; the score
   * is points / L, in [0, 1], and 0 for an empty tree. Read before the key is added.
   */
  double score(long key) {
    if (root.count == 0) {
      return 0;
    }
    int points = 0;
    Vertex v = root;
    for (int depth = 1; depth <= levels; depth++) {
      v = v.child(bit(key, depth));
      if (v == null) {
        break; // p_i = 0 here and deeper
      }
      if (v.count > root.count / Math.scalb(1.0, depth)) {
        points++;
      }
    }
    return (double) points / levels;
  }

  /**
   * The lower bound of the IP term for {@code key}: the one kept at the deepest vertex of its path
   * that exists; no vertex is created for it (topics.md §4).
   */
  LowerBound bound(long key) {
    Vertex v = root;
    for (int depth = 1; depth <= levels; depth++) {
      Vertex c = v.child(bit(key, depth));
      if (c == null) {
        break;
      }
      v = c;
    }
    return v.bound;
  }

  /** Bit {@code depth} (1 = most significant) of a left-aligned key. */
  private static boolean bit(long key, int depth) {
    return (key << (depth - 1)) < 0;
  }

  /**
   * The address with an IPv4-mapped IPv6 form turned back into IPv4, so that one host is one
   * address whichever socket it came through (topics.md §11.14).
   */
  static InetAddress unmapped(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      for (int i = 0; i < MAPPED_PREFIX_SIZE; i++) {
        int expected = i < MAPPED_PREFIX_SIZE - 2 ? 0 : 0xff;
        if ((b[i] & 0xff) != expected) {
          return address;
        }
      }
      try {
        return InetAddress.getByAddress(Arrays.copyOfRange(b, MAPPED_PREFIX_SIZE, b.length));
      } catch (UnknownHostException e) {
        throw new IllegalStateException("4 bytes always make an IPv4 address", e);
      }
    }
    return address;
  }

  /**
   * The key of an address (already {@link #unmapped}): IPv4's 32 bits or IPv6's top 64, left
   * aligned in a long.
   */
  static long key(InetAddress address) {
    byte[] b = address.getAddress();
    long key = 0;
    int bytes = address instanceof Inet4Address ? Integer.BYTES : Long.BYTES;
    for (int i = 0; i < bytes; i++) {
      key = (key << Byte.SIZE) | (b[i] & 0xff);
    }
    return key << (Long.SIZE - bytes * Byte.SIZE);
  }
}
