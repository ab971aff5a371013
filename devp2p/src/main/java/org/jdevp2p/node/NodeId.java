package org.jdevp2p.node;

import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.Keccak256;
import org.jdevp2p.crypto.PublicKey;

/**
 * A node id: keccak256 of the 64-byte public key (ENR "v4" scheme). The same id serves discv4,
 * discv5 and RLPx.
 */
public record NodeId(Bytes32 bytes) implements Comparable<NodeId> {

  public NodeId {
    if (bytes == null) throw new IllegalArgumentException("node id bytes are null");
  }

  public static NodeId of(PublicKey key) {
    return new NodeId(Keccak256.hash(key.bytes()));
  }

  /** Reads 32 bytes; throws IllegalArgumentException for another length. */
  public static NodeId fromBytes(Bytes bytes) {
    if (bytes.size() != 32) {
      throw new IllegalArgumentException("node id must be 32 bytes, got " + bytes.size());
    }
    return new NodeId(Bytes32.wrap(bytes.toArray()));
  }

  public static NodeId fromHex(String hex) {
    return fromBytes(Bytes.fromHexString(hex));
  }

  /**
   * The log distance of discv5: the bit length of {@code this XOR other}, 0 for the same id, 256
   * for ids that differ in the first bit.
   */
  public int logDistance(NodeId other) {
    byte[] a = bytes.toArrayUnsafe();
    byte[] b = other.bytes.toArrayUnsafe();
    for (int i = 0; i < 32; i++) {
      int x = (a[i] ^ b[i]) & 0xff;
      if (x != 0) return (31 - i) * 8 + (32 - Integer.numberOfLeadingZeros(x));
    }
    return 0;
  }

  /** this XOR other, to order nodes by distance to a target. */
  public Bytes32 xor(NodeId other) {
    return Bytes32.wrap(bytes.xor(other.bytes));
  }

  /** Which of a and b lies closer to this id (negative: a, positive: b, 0: equal). */
  public int compareDistance(NodeId a, NodeId b) {
    byte[] t = bytes.toArrayUnsafe();
    byte[] x = a.bytes.toArrayUnsafe();
    byte[] y = b.bytes.toArrayUnsafe();
    for (int i = 0; i < 32; i++) {
      int dx = (t[i] ^ x[i]) & 0xff;
      int dy = (t[i] ^ y[i]) & 0xff;
      if (dx != dy) return Integer.compare(dx, dy);
    }
    return 0;
  }

  /**
   * Compares the 32 bytes at once: tuweni's {@code Bytes.equals} reads them one virtual call at a
   * time, and node ids are map keys on every hot path (tables, sessions, requests).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof NodeId other
        && Arrays.equals(bytes.toArrayUnsafe(), other.bytes.toArrayUnsafe());
  }

  /** The bytes' hash (cached by tuweni), as the record's own would be. */
  @Override
  public int hashCode() {
    return bytes.hashCode();
  }

  @Override
  public int compareTo(NodeId o) {
    return bytes.compareTo(o.bytes);
  }

  /** 64 hex digits, no prefix. */
  @Override
  public String toString() {
    return bytes.toUnprefixedHexString();
  }
}
