package org.jdevp2p.discv5.wire;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.apache.tuweni.bytes.Bytes;

/**
 * A request-id: an opaque byte string of at most 8 bytes that a response echoes verbatim (leading
 * zero bytes included: it is not a number).
 */
public record RequestId(Bytes bytes) {
  /** The spec's limit; geth refuses longer ids ({@code ErrInvalidReqID}). */
  public static final int MAX_SIZE = 8;

  public RequestId {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.size() > MAX_SIZE) {
      throw new IllegalArgumentException(
          "request-id must be at most " + MAX_SIZE + " bytes, got " + bytes.size());
    }
  }

  /** 8 random bytes, as geth makes them. */
  public static RequestId random(RandomGenerator random) {
    byte[] id = new byte[MAX_SIZE];
    random.nextBytes(id);
    return new RequestId(Bytes.wrap(id));
  }

  @Override
  public String toString() {
    return bytes.toHexString();
  }
}
