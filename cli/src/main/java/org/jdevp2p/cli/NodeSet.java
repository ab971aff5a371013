package org.jdevp2p.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.NodeId;

/**
 * A nodes.json file as geth's {@code devp2p} tool writes it ({@code cmd/devp2p/nodeset.go}): an
 * object keyed by node id (64 hex digits) whose values hold {@code seq}, {@code record} (the
 * record's text form), {@code score}, {@code firstResponse}, {@code lastResponse} and {@code
 * lastCheck} (RFC 3339 times). Not thread-safe.
 */
final class NodeSet {
  /** One node. Times are absent where geth writes Go's zero time. */
  record Entry(
      NodeRecord record,
      int score,
      Optional<Instant> firstResponse,
      Optional<Instant> lastResponse,
      Optional<Instant> lastCheck) {}

  /** Go's zero {@code time.Time}, which geth writes for "never". */
  private static final int GO_ZERO_YEAR = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final TreeMap<NodeId, Entry> nodes = new TreeMap<>();

  Map<NodeId, Entry> nodes() {
    return nodes;
  }

  Optional<Entry> get(NodeId id) {
    return Optional.ofNullable(nodes.get(id));
  }

  void put(Entry e) {
    nodes.put(e.record().nodeId(), e);
  }

  void remove(NodeId id) {
    nodes.remove(id);
  }

  int size() {
    return nodes.size();
  }

  /** Reads a file; a missing file is an empty set when {@code mayBeMissing}. */
  static NodeSet read(Path file, boolean mayBeMissing) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      if (mayBeMissing) return new NodeSet();
      throw new CommandFailedException("no file " + file);
    } catch (IOException e) {
      throw new CommandFailedException(file + " is not JSON: " + e.getMessage());
    }
    if (root == null) return new NodeSet();
    if (!root.isObject()) throw new CommandFailedException(file + ": not a JSON object");
    NodeSet set = new NodeSet();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      try {
        NodeRecord r = NodeRecord.fromText(f.getValue().path("record").asText());
        if (!r.nodeId().equals(NodeId.fromHex(f.getKey()))) {
          throw new IllegalArgumentException("key is not the record's node id");
        }
        JsonNode v = f.getValue();
        set.put(
            new Entry(
                r,
                v.path("score").asInt(0),
                time(v.get("firstResponse")),
                time(v.get("lastResponse")),
                time(v.get("lastCheck"))));
      } catch (IllegalArgumentException e) {
        throw new CommandFailedException(file + ": node " + f.getKey() + ": " + e.getMessage());
      }
    }
    return set;
  }

  private static Optional<Instant> time(JsonNode n) {
    if (n == null || n.isNull()) return Optional.empty();
    OffsetDateTime t = OffsetDateTime.parse(n.asText());
    return t.getYear() == GO_ZERO_YEAR ? Optional.empty() : Optional.of(t.toInstant());
  }

  String toJson() {
    ObjectNode root = JSON.createObjectNode();
    for (Entry e : nodes.values()) {
      ObjectNode o = root.putObject(e.record().nodeId().toString());
      o.put("seq", e.record().seq());
      o.put("record", e.record().toText());
      if (e.score() != 0) o.put("score", e.score());
      e.firstResponse().ifPresent(t -> o.put("firstResponse", t.toString()));
      e.lastResponse().ifPresent(t -> o.put("lastResponse", t.toString()));
      e.lastCheck().ifPresent(t -> o.put("lastCheck", t.toString()));
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the file whole or not at all (a temporary file renamed over it). */
  void write(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".nodes", ".json.tmp");
      try {
        Files.writeString(tmp, toJson());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CommandFailedException("cannot write " + file + ": " + e.getMessage());
    }
  }
}
