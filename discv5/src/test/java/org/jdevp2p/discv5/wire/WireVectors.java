package org.jdevp2p.discv5.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.random.RandomGenerator;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;
import org.jdevp2p.testing.Vectors;

/** The discv5-wire.json vectors and the two nodes they are made for. */
final class WireVectors {
  static final JsonNode ALL = Vectors.load("discv5-wire.json");
  static final JsonNode KEYS = ALL.get("keys");
  static final PrivateKey KEY_A = PrivateKey.fromHex(KEYS.get("node_a_key").asText());
  static final PrivateKey KEY_B = PrivateKey.fromHex(KEYS.get("node_b_key").asText());
  static final NodeId ID_A = NodeId.fromHex(KEYS.get("node_a_id").asText());
  static final NodeId ID_B = NodeId.fromHex(KEYS.get("node_b_id").asText());

  /** Node A's record as the handshake-with-ENR vector carries it (seq 1, ip 127.0.0.1). */
  static final NodeRecord RECORD_A =
      NodeRecord.decode(
          Vectors.hex(packet("ping handshake packet with ENR (flag 2)").get("decoded"), "record"));

  /** A record of node B, for handshakes A initiates. */
  static final NodeRecord RECORD_B = NodeRecord.builder().seq(1).sign(KEY_B);

  /** The vectors' "randomness": every masking IV is zero. */
  static final RandomGenerator ZEROS = () -> 0L;

  private WireVectors() {}

  static JsonNode packet(String name) {
    for (JsonNode p : ALL.get("packets")) {
      if (p.get("name").asText().equals(name)) return p;
    }
    throw new IllegalArgumentException("no packet vector " + name);
  }

  static JsonNode crypto(String name) {
    return ALL.get("crypto").get(name);
  }

  static Bytes hex(JsonNode node, String field) {
    return Vectors.hex(node, field);
  }
}
