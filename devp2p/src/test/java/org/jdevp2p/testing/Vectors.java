package org.jdevp2p.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.tuweni.bytes.Bytes;

/** Loads the official test vectors that a module copied into src/test/resources/vectors. */
public final class Vectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Vectors() {}

  public static JsonNode load(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
      if (in == null) throw new IllegalStateException("no test resource vectors/" + name);
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A hex field of a vector, with or without 0x. */
  public static Bytes hex(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null) throw new IllegalArgumentException("vector has no field " + field);
    return Bytes.fromHexString(v.asText());
  }
}
