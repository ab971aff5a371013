package org.jdevp2p.enr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.crypto.Keccak256;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.node.Enode;
import org.jdevp2p.node.NodeId;
import org.jdevp2p.rlp.StrictRlp;
import org.jdevp2p.testing.Vectors;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The EIP-778 vectors and geth's bootnode lists (vectors/enr.json, vectors/bootnodes.json). */
class NodeRecordVectorsTest {
  private static final JsonNode ENR = Vectors.load("enr.json");
  private static final JsonNode BOOTNODES = Vectors.load("bootnodes.json");

  static Stream<Arguments> records() {
    return named(ENR.get("records"), "name");
  }

  static Stream<Arguments> bootnodeRecords() {
    return named(BOOTNODES.get("discv5_enr_bootnodes"), "comment");
  }

  static Stream<Arguments> bootnodeEnodes() {
    List<Arguments> all = new ArrayList<>();
    for (String network : List.of("mainnet", "sepolia", "holesky", "hoodi")) {
      for (JsonNode n : BOOTNODES.get(network)) {
        all.add(Arguments.of(Named.of(network + " " + n.get("ip").asText(), n)));
      }
    }
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("records")
  void textDecodesToTheVectorRlp(JsonNode v) {
    NodeRecord record = NodeRecord.fromText(v.get("text").asText());
    assertThat(record.encoded()).isEqualTo(Vectors.hex(v, "rlp"));
    assertThat(record.encoded().size()).isEqualTo(v.get("rlp_len").asInt());
  }

  @ParameterizedTest
  @MethodSource("records")
  void reEncodesByteIdentical(JsonNode v) {
    NodeRecord record = NodeRecord.decode(Vectors.hex(v, "rlp"));
    assertThat(record.toText()).isEqualTo(v.get("text").asText());
  }

  @ParameterizedTest
  @MethodSource("records")
  void exposesTheDecodedFields(JsonNode v) {
    NodeRecord record = NodeRecord.decode(Vectors.hex(v, "rlp"));
    JsonNode decoded = v.get("decoded");
    assertThat(record.seq()).isEqualTo(decoded.get("seq").asLong());
    assertThat(record.signature()).isEqualTo(Vectors.hex(decoded, "signature"));
    List<String> keys = new ArrayList<>();
    decoded.get("pairs").forEach(p -> keys.add(p.get(0).asText()));
    assertThat(record.entries().keySet()).containsExactlyElementsOf(keys);
    assertThat(record.ip().orElseThrow().getHostAddress()).isEqualTo("127.0.0.1");
  }

  @ParameterizedTest
  @MethodSource("records")
  void nodeIdIsKeccakOfThePublicKey(JsonNode v) {
    NodeRecord record = NodeRecord.decode(Vectors.hex(v, "rlp"));
    assertThat(record.nodeId()).isEqualTo(NodeId.fromHex(v.get("node_id").asText()));
  }

  @ParameterizedTest
  @MethodSource("records")
  void signsTheKeccakOfTheContent(JsonNode v) {
    NodeRecord record = NodeRecord.decode(Vectors.hex(v, "rlp"));
    List<Bytes> items = StrictRlp.listItems(record.encoded());
    Bytes content = RLP.encodeList(w -> items.subList(1, items.size()).forEach(w::writeRLP));
    assertThat(content).isEqualTo(Vectors.hex(v, "signed_content_rlp"));
    Bytes hash = Keccak256.hash(content);
    assertThat(hash).isEqualTo(Vectors.hex(v, "signing_hash_keccak256"));
    assertThat(record.publicKey().verify(hash, record.signature())).isTrue();
  }

  @ParameterizedTest
  @MethodSource("records")
  void reSigningTheContentWithItsKeyGivesTheSameBytes(JsonNode v) {
    NodeRecord record = NodeRecord.decode(Vectors.hex(v, "rlp"));
    PrivateKey key = PrivateKey.fromHex(v.get("private_key").asText());
    assertThat(record.toBuilder().sign(key).encoded()).isEqualTo(Vectors.hex(v, "rlp"));
  }

  @ParameterizedTest
  @MethodSource("bootnodeRecords")
  void everyDiscv5BootnodeRecordDecodesAndVerifies(JsonNode v) {
    NodeRecord record = NodeRecord.fromText(v.get("enr").asText());
    assertThat(record.toText()).isEqualTo(v.get("enr").asText());
    assertThat(record.nodeId()).isEqualTo(NodeId.fromHex(v.get("node_id").asText()));
    assertThat(record.seq()).isEqualTo(v.get("seq").asLong());
    assertThat(record.encoded().size()).isEqualTo(v.get("size").asInt());
    assertThat(record.publicKey().compressed()).isEqualTo(Vectors.hex(v, "secp256k1"));
    List<String> keys = new ArrayList<>();
    v.get("keys").forEach(k -> keys.add(k.asText()));
    assertThat(record.entries().keySet()).containsExactlyElementsOf(keys);
    if (v.has("ip")) {
      assertThat(record.ip().orElseThrow().getHostAddress()).isEqualTo(v.get("ip").asText());
    }
    if (v.has("udp")) assertThat(record.udp()).hasValue(v.get("udp").asInt());
    if (v.has("tcp")) assertThat(record.tcp()).hasValue(v.get("tcp").asInt());
  }

  @ParameterizedTest
  @MethodSource("bootnodeEnodes")
  void everyNetworkBootnodeEnodeParses(JsonNode v) {
    Enode enode = Enode.parse(v.get("enode").asText());
    assertThat(enode.nodeId()).isEqualTo(NodeId.fromHex(v.get("node_id").asText()));
    assertThat(enode.ip().getHostAddress()).isEqualTo(v.get("ip").asText());
    assertThat(enode.tcpPort()).isEqualTo(v.get("tcp").asInt());
    assertThat(enode.udpPort()).isEqualTo(v.get("udp").asInt());
  }

  private static Stream<Arguments> named(JsonNode array, String nameField) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(v -> Arguments.of(Named.of(v.path(nameField).asText(), v)));
  }
}
