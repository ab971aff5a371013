package org.jdevp2p.eth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.testing.Vectors;

/** Reads vectors/forkid.json (EIP-2124 and geth core/forkid/forkid_test.go at v1.17.5-49). */
final class ForkIdVectors {
  static final JsonNode JSON = Vectors.load("forkid.json");

  private ForkIdVectors() {}

  static JsonNode chains() {
    return JSON.get("chains");
  }

  /** A chain config built only from a vector's "chains" entry, to check ours against it. */
  static ChainConfig chain(String key) {
    JsonNode c = chains().get(key);
    List<Fork> forks = new ArrayList<>();
    JsonNode blocks = c.has("block_forks") ? c.get("block_forks") : c.get("block_forks_nonzero");
    blocks.forEach(b -> forks.add(Fork.block("block " + b.asText(), uint64(b))));
    c.get("time_forks").forEach(t -> forks.add(Fork.timestamp("time " + t.asText(), uint64(t))));
    long genesisTime = c.has("genesis_time") ? uint64(c.get("genesis_time")) : 0;
    return new ChainConfig(key, 0, genesisHash(key), genesisTime, forks);
  }

  static Bytes32 genesisHash(String key) {
    return Bytes32.fromHexString(chains().get(key).get("genesis_hash").asText());
  }

  static List<Long> uint64s(JsonNode array) {
    List<Long> values = new ArrayList<>();
    array.forEach(v -> values.add(uint64(v)));
    return values;
  }

  /**
   * Numbers, or decimal strings for values above 2^63 (2^64-1 is written "18446744073709551615").
   */
  static long uint64(JsonNode value) {
    return Long.parseUnsignedLong(value.asText());
  }

  /** An optional uint64 field; absent means 0 (the EIP's own vectors have no head time). */
  static long uint64(JsonNode vector, String field) {
    return vector.has(field) ? uint64(vector.get(field)) : 0;
  }

  static ForkId forkId(JsonNode vector, String hashField, String nextField) {
    return new ForkId(
        Bytes.fromHexString(vector.get(hashField).asText()), uint64(vector, nextField));
  }
}
