package org.jdevp2p.discv5.topic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A service name and its topic id. The spec leaves the name-to-id mapping to the application
 * (discv5-theory.md, "Topic Advertisement"); we take sha256 of the UTF-8 name with no terminator
 * and no normalisation, as the DISC-NG simulator does (topics.md §2).
 */
public record Topic(String name, Bytes32 id) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    if (!id.equals(idOf(name))) {
      throw new IllegalArgumentException("topic id " + id + " is not sha256(\"" + name + "\")");
    }
  }

  /** The topic of a service name, e.g. {@code Topic.of("eth/68")}. */
  public static Topic of(String name) {
    return new Topic(name, idOf(name));
  }

  private static Bytes32 idOf(String name) {
    try {
      return Bytes32.wrap(
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return name + " (" + id.toUnprefixedHexString().substring(0, 8) + "…)";
  }
}
