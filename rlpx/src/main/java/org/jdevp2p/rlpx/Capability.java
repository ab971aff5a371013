package org.jdevp2p.rlpx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A sub-protocol we run: its name and version as announced in Hello, and how many message ids it
 * uses (eth/68: 17, snap/1: 8), which decides where the next capability's ids start.
 */
public record Capability(String name, int version, int messageCount) {

  /**
   * Bound on a capability name: geth's Cap.Name has no limit, but every name in use is a few
   * letters and the whole Hello is capped at 2 KiB anyway.
   */
  static final int MAX_NAME_LENGTH = 32;

  /**
   * Alphabetical order of names as geth's matchProtocols sorts them: Go compares strings byte by
   * byte, so we compare UTF-8 bytes, not UTF-16 units.
   */
  static final Comparator<String> NAME_ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  public Capability {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("capability name must have 1 to 32 characters: " + name);
    }
    if (version < 0) throw new IllegalArgumentException("capability version is negative");
    if (messageCount < 1) throw new IllegalArgumentException("capability needs a message id");
  }

  /** The name/version pair as it appears in Hello. */
  public Hello.Cap cap() {
    return new Hello.Cap(name, version);
  }

  @Override
  public String toString() {
    return name + "/" + version;
  }
}
