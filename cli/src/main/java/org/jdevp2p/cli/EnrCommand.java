package org.jdevp2p.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.InvalidRecordException;
import org.jdevp2p.enr.NodeRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Node records (EIP-778): decode one, or sign a new one. */
@Command(
    name = "enr",
    mixinStandardHelpOptions = true,
    description = "Decode and create Ethereum node records (EIP-778).",
    subcommands = {EnrCommand.Decode.class, EnrCommand.Create.class})
final class EnrCommand {

  /** The entries shown under their own names; every other entry is listed as raw RLP. */
  private static final Set<String> KNOWN =
      Set.of("id", "secp256k1", "ip", "ip6", "udp", "tcp", "udp6", "tcp6");

  /**
   * A record file holds one line of text; anything much longer is not a record (a 300-byte record
   * is about 400 characters), so it is refused before being read into memory.
   */
  private static final long MAX_RECORD_FILE_SIZE = 4096;

  @Command(
      name = "decode",
      mixinStandardHelpOptions = true,
      description = {
        "Print every field of a node record and whether its signature verifies.",
        "Entries other than id, secp256k1, ip, ip6, udp, tcp, udp6 and tcp6 (eth among them, for"
            + " now) are shown as the hex of their RLP item.",
        "A malformed record or a bad signature: one line on stderr naming the problem, exit 1."
      })
  static final class Decode implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;

    @Parameters(
        paramLabel = "ENR|@FILE",
        description = "The record as enr:<base64url> text, or @FILE to read that text from a file.")
    String input;

    @Option(names = "--json", description = "Print a JSON object instead of text.")
    boolean json;

    @Override
    public void run() {
      String text = input.startsWith("@") ? readRecordFile(Path.of(input.substring(1))) : input;
      NodeRecord record;
      try {
        record = NodeRecord.fromText(text);
      } catch (InvalidRecordException e) {
        throw new CommandFailedException("invalid record: " + e.getMessage());
      }
      Map<String, Object> fields = fields(record);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(toJson(fields));
      } else {
        fields.forEach((name, value) -> printField(out, name, value));
      }
      out.flush();
    }

    /** One line per field, labelled in words: nodeId becomes "node id". */
    private static void printField(PrintWriter out, String name, Object value) {
      if (value instanceof Map<?, ?> entries) {
        entries.forEach((k, v) -> out.printf("%-15s %s (RLP)%n", k, v));
      } else {
        String label = name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        out.printf("%-15s %s%n", label, value);
      }
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Sign a new node record with a key file and print it as enr: text.")
  static final class Create implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;

    @Option(
        names = "--key",
        required = true,
        paramLabel = "FILE",
        description = "The private key file (hex), as written by `key generate`.")
    Path key;

    @Option(names = "--ip", paramLabel = "IP", description = "IPv4 address.")
    String ip;

    @Option(names = "--udp", paramLabel = "PORT", description = "UDP (discovery) port.")
    Integer udp;

    @Option(names = "--tcp", paramLabel = "PORT", description = "TCP (RLPx) port.")
    Integer tcp;

    @Option(names = "--ip6", paramLabel = "IP", description = "IPv6 address.")
    String ip6;

    @Option(
        names = "--udp6",
        paramLabel = "PORT",
        description = "UDP port for IPv6, only when it differs from --udp.")
    Integer udp6;

    @Option(
        names = "--tcp6",
        paramLabel = "PORT",
        description = "TCP port for IPv6, only when it differs from --tcp.")
    Integer tcp6;

    @Option(
        names = "--seq",
        paramLabel = "N",
        defaultValue = "1",
        description = "Sequence number (default: ${DEFAULT-VALUE}).")
    long seq;

    @Override
    public void run() {
      if (seq < 0) throw new CommandFailedException("--seq must not be negative: " + seq);
      PrivateKey privateKey = KeyFiles.read(key);
      NodeRecord.Builder builder = NodeRecord.builder().seq(seq);
      if (ip != null) builder.ip(address(ip, Inet4Address.class, "--ip", "IPv4"));
      if (ip6 != null) builder.ip(address(ip6, Inet6Address.class, "--ip6", "IPv6"));
      port(udp, "--udp", builder::udp);
      port(tcp, "--tcp", builder::tcp);
      port(udp6, "--udp6", builder::udp6);
      port(tcp6, "--tcp6", builder::tcp6);
      NodeRecord record;
      try {
        record = builder.sign(privateKey);
      } catch (InvalidRecordException e) {
        throw new CommandFailedException("cannot create the record: " + e.getMessage());
      }
      spec.commandLine().getOut().println(record.toText());
    }

    private static InetAddress address(
        String text, Class<? extends InetAddress> family, String option, String familyName) {
      InetAddress address = Addresses.parse(text);
      if (!family.isInstance(address)) {
        throw new CommandFailedException(option + " needs an " + familyName + " address: " + text);
      }
      return address;
    }

    private static void port(Integer port, String option, IntFunction<?> set) {
      if (port == null) return;
      try {
        set.apply(port);
      } catch (IllegalArgumentException e) {
        throw new CommandFailedException(option + ": " + e.getMessage());
      }
    }
  }

  /** Every field of the record, in the order they are printed; shared by text and JSON. */
  static Map<String, Object> fields(NodeRecord record) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("enr", record.toText());
    f.put("seq", new BigInteger(Long.toUnsignedString(record.seq())));
    f.put("nodeId", record.nodeId().toString());
    f.put("publicKey", record.publicKey().toString());
    f.put("secp256k1", record.publicKey().compressed().toUnprefixedHexString());
    f.put("id", "v4"); // decoding refuses every other scheme
    record.ip().ifPresent(a -> f.put("ip", a.getHostAddress()));
    record.ip6().ifPresent(a -> f.put("ip6", a.getHostAddress()));
    record.udp().ifPresent(p -> f.put("udp", p));
    record.tcp().ifPresent(p -> f.put("tcp", p));
    record.udp6().ifPresent(p -> f.put("udp6", p));
    record.tcp6().ifPresent(p -> f.put("tcp6", p));
    Map<String, String> other = new LinkedHashMap<>();
    record
        .entries()
        .forEach(
            (k, v) -> {
              if (!KNOWN.contains(k)) other.put(printable(k), v.toUnprefixedHexString());
            });
    if (!other.isEmpty()) f.put("other", other);
    f.put("signature", record.signature().toUnprefixedHexString());
    f.put("signatureValid", true); // decoding refuses a record whose signature does not verify
    return f;
  }

  /** A key as given when it is printable ASCII, else 0x and its bytes in hex. */
  private static String printable(String key) {
    if (!key.isEmpty() && key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) return key;
    return Bytes.wrap(key.getBytes(StandardCharsets.ISO_8859_1)).toHexString();
  }

  private static String toJson(Map<String, Object> fields) {
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("fields of strings and numbers are always JSON", e);
    }
  }

  private static String readRecordFile(Path file) {
    try {
      if (Files.size(file) > MAX_RECORD_FILE_SIZE) {
        throw new CommandFailedException(file + " is too large to hold one record");
      }
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (NoSuchFileException e) {
      throw new CommandFailedException("no such file: " + file);
    } catch (IOException e) {
      throw new CommandFailedException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
