package org.jdevp2p.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPException;
import org.jdevp2p.crypto.Keccak256;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.eth.Fork;
import org.jdevp2p.rlpx.eth.GenesisBlock;

/**
 * The chain of {@code --network}: {@code mainnet}, {@code sepolia}, or a JSON chain file
 * (docs/node.md) for any other network:
 *
 * <pre>{@code
 * {
 *   "name": "devnet",
 *   "networkId": 1337,
 *   "genesisHash": "0x…",            (32 bytes)
 *   "genesisTime": 0,                (optional, default 0; time forks at or before it are not forks)
 *   "genesisHeader": "0xf90214…",    (the RLP genesis header; its keccak must be genesisHash)
 *   "forks": [{"name": "Homestead", "block": 1150000}, {"name": "Shanghai", "time": 1681338455}]
 * }
 * }</pre>
 *
 * The genesis header is required because a node without a chain serves it (eth69plus.md §8.2); take
 * it from a trusted node ({@code debug_getRawHeader 0x0}).
 */
final class ChainFile {
  private ChainFile() {}

  /** A chain file is a few hundred bytes; anything far bigger is not one. */
  static final long MAX_FILE_SIZE = 1024 * 1024;

  /**
   * Header fields up to the base fee are 16; the 17th is the withdrawals root (Shanghai), whose
   * presence makes the empty body {@code [txs, ommers, withdrawals]}.
   */
  private static final int FIELDS_BEFORE_WITHDRAWALS = 16;

  private static final Set<String> KEYS =
      Set.of("name", "networkId", "genesisHash", "genesisTime", "genesisHeader", "forks");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code mainnet}, {@code sepolia} (any case), or the path of a chain file. */
  static GenesisBlock network(String nameOrFile) {
    try {
      return GenesisBlock.of(ChainConfig.byName(nameOrFile));
    } catch (IllegalArgumentException notBuiltIn) {
      Path file = Path.of(nameOrFile);
      if (!Files.exists(file)) {
        throw new CommandFailedException(
            "--network: " + nameOrFile + " is not mainnet, sepolia or a chain file");
      }
      return read(file);
    }
  }

  static GenesisBlock read(Path file) {
    try {
      if (Files.size(file) > MAX_FILE_SIZE) {
        throw new CommandFailedException(file + ": over " + MAX_FILE_SIZE + " bytes");
      }
      return parse(JSON.readTree(Files.readString(file)));
    } catch (NoSuchFileException e) {
      throw new CommandFailedException("no chain file " + file);
    } catch (JsonProcessingException e) {
      throw new CommandFailedException(file + ": not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new CommandFailedException("cannot read " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new CommandFailedException(file + ": " + e.getMessage());
    }
  }

  /**
   * @throws IllegalArgumentException naming the field that is missing or wrong
   */
  static GenesisBlock parse(JsonNode root) {
    if (!root.isObject()) throw new IllegalArgumentException("not a JSON object");
    root.fieldNames()
        .forEachRemaining(
            k -> {
              if (!KEYS.contains(k)) throw new IllegalArgumentException("unknown field " + k);
            });
    String name = text(root, "name");
    long networkId = uint64(root.get("networkId"), "networkId");
    Bytes32 genesisHash = Bytes32.wrap(hex(root, "genesisHash", 32));
    long genesisTime = root.has("genesisTime") ? uint64(root.get("genesisTime"), "genesisTime") : 0;
    Bytes header = hex(root, "genesisHeader", -1);
    if (!Keccak256.hash(header).equals(genesisHash)) {
      throw new IllegalArgumentException(
          "genesisHeader hashes to " + Keccak256.hash(header).toHexString() + ", not genesisHash");
    }
    List<Fork> forks = new ArrayList<>();
    JsonNode list = root.path("forks");
    if (!list.isArray()) throw new IllegalArgumentException("forks must be a list");
    for (JsonNode f : list) forks.add(fork(f));
    ChainConfig chain = new ChainConfig(name, networkId, genesisHash, genesisTime, forks);
    return new GenesisBlock(chain, header, emptyBody(header));
  }

  private static Fork fork(JsonNode f) {
    String name = text(f, "name");
    boolean byBlock = f.has("block");
    if (byBlock == f.has("time")) {
      throw new IllegalArgumentException("fork " + name + ": give exactly one of block and time");
    }
    return byBlock
        ? Fork.block(name, uint64(f.get("block"), name + ".block"))
        : Fork.timestamp(name, uint64(f.get("time"), name + ".time"));
  }

  private static Bytes emptyBody(Bytes header) {
    int fields;
    try {
      fields =
          RLP.decodeList(
              header,
              r -> {
                int n = 0;
                for (; !r.isComplete(); n++) r.skipNext();
                return n;
              });
    } catch (RLPException e) {
      throw new IllegalArgumentException("genesisHeader is not an RLP list: " + e.getMessage());
    }
    return Bytes.fromHexString(fields > FIELDS_BEFORE_WITHDRAWALS ? "c3c0c0c0" : "c2c0c0");
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(field + " must be a non-empty string");
    }
    return v.asText();
  }

  /** {@code size} bytes of hex (with or without 0x); any length when {@code size} is negative. */
  private static Bytes hex(JsonNode node, String field, int size) {
    String s = text(node, field);
    Bytes b;
    try {
      b = Bytes.fromHexString(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " is not hex");
    }
    if (size >= 0 && b.size() != size) {
      throw new IllegalArgumentException(field + " has " + b.size() + " bytes, not " + size);
    }
    return b;
  }

  /** An unsigned 64-bit integer: a JSON number, or a decimal string for values past 2^53. */
  private static long uint64(JsonNode v, String field) {
    if (v == null || !(v.isIntegralNumber() || v.isTextual())) {
      throw new IllegalArgumentException(field + " must be an unsigned integer");
    }
    try {
      return Long.parseUnsignedLong(v.asText());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " must be an unsigned 64-bit integer");
    }
  }
}
