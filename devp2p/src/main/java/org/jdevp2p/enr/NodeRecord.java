package org.jdevp2p.enr;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.crypto.InvalidKeyException;
import org.jdevp2p.crypto.Keccak256;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.node.NodeId;
import org.jdevp2p.rlp.InvalidRlpException;
import org.jdevp2p.rlp.StrictRlp;

/**
 * An Ethereum Node Record (EIP-778), "v4" identity scheme: {@code RLP[signature, seq, k1, v1, k2,
 * v2, ...]} with the keys sorted and unique, the signature an ECDSA secp256k1 signature {@code r ||
 * s} over {@code keccak256(RLP[seq, k1, v1, ...])} by the record's {@code secp256k1} key.
 *
 * <p>Every instance has been verified: {@link #decode} and {@link Builder#sign} check the layout,
 * the size limit, the known entries and the signature, so a {@code NodeRecord} in hand is one a
 * peer may be told about. Keys are byte strings; they are held as ISO-8859-1 strings so that every
 * key survives a round trip unchanged and {@link String#compareTo} orders them as bytes. Values are
 * kept as their raw RLP items: entries this class does not know are re-encoded byte for byte.
 */
public final class NodeRecord {
  /** EIP-778: "The maximum encoded size of a node record is 300 bytes" (geth enr.SizeLimit). */
  public static final int MAX_SIZE = 300;

  private static final String TEXT_PREFIX = "enr:";

  /** The longest text form of a record within {@link #MAX_SIZE}: base64 of 300 bytes, padded. */
  private static final int MAX_TEXT_LENGTH = TEXT_PREFIX.length() + 4 * ((MAX_SIZE + 2) / 3);

  /** The only identity scheme defined (EIP-778 "v4"); geth's enode.ValidSchemes holds just it. */
  private static final String SCHEME_V4 = "v4";

  /** v4 signatures are r || s without a recovery id. */
  private static final int SIGNATURE_SIZE = 64;

  /** v4 carries the compressed key; geth's v4 scheme rejects any other length. */
  private static final int COMPRESSED_KEY_SIZE = 33;

  private static final int IPV4_SIZE = 4;
  private static final int IPV6_SIZE = 16;
  private static final int MAX_PORT = 0xffff;

  private static final String ID = "id";
  private static final String SECP256K1 = "secp256k1";
  private static final String IP = "ip";
  private static final String IP6 = "ip6";
  private static final String UDP = "udp";
  private static final String TCP = "tcp";
  private static final String UDP6 = "udp6";
  private static final String TCP6 = "tcp6";

  private static final int NO_PORT = -1;

  private final Bytes encoded;
  private final Bytes signature;
  private final long seq;
  private final SortedMap<String, Bytes> entries;
  private final PublicKey publicKey;
  private final NodeId nodeId;
  private final Inet4Address ip;
  private final Inet6Address ip6;
  private final int udp;
  private final int tcp;
  private final int udp6;
  private final int tcp6;

  private NodeRecord(
      Bytes encoded, Bytes signature, long seq, SortedMap<String, Bytes> entries, PublicKey key) {
    this.encoded = encoded;
    this.signature = signature;
    this.seq = seq;
    this.entries = Collections.unmodifiableSortedMap(entries);
    this.publicKey = key;
    this.nodeId = NodeId.of(key);
    this.ip = (Inet4Address) address(IP, IPV4_SIZE);
    this.ip6 = (Inet6Address) address(IP6, IPV6_SIZE);
    this.udp = port(UDP);
    this.tcp = port(TCP);
    this.udp6 = port(UDP6);
    this.tcp6 = port(TCP6);
  }

  /**
   * Reads and verifies a record. Throws {@link InvalidRecordException} naming the problem: larger
   * than 300 bytes, non-canonical RLP or trailing bytes, fewer than 2 elements, a key without a
   * value, keys out of order or repeated, an identity scheme other than "v4", a missing or invalid
   * secp256k1 key, an ip, ip6 or port of the wrong form, or a signature that does not verify.
   */
  public static NodeRecord decode(Bytes rlp) {
    if (rlp.size() > MAX_SIZE) {
      throw new InvalidRecordException(
          "record is " + rlp.size() + " bytes, more than the limit of " + MAX_SIZE);
    }
    Bytes encoded = rlp.copy();
    List<Bytes> items;
    try {
      items = StrictRlp.listItems(encoded);
    } catch (InvalidRlpException e) {
      throw new InvalidRecordException("malformed RLP: " + e.getMessage());
    }
    // geth enr errIncompleteList
    if (items.size() < 2) {
      throw new InvalidRecordException(
          "record has " + items.size() + " element(s), needs at least a signature and a seq");
    }
    Bytes signature = item(items.get(0), "signature", StrictRlp::readBytes);
    long seq = item(items.get(1), "seq", StrictRlp::readUInt64);
    SortedMap<String, Bytes> entries = new TreeMap<>();
    String previous = null;
    for (int i = 2; i < items.size(); i += 2) {
      String key = key(items.get(i), i);
      if (i + 1 == items.size()) {
        throw new InvalidRecordException(
            "key " + quote(key) + " has no value"); // errIncompletePair
      }
      if (previous != null) {
        int order = previous.compareTo(key);
        if (order == 0) throw new InvalidRecordException("duplicate key " + quote(key));
        if (order > 0) {
          throw new InvalidRecordException(
              "keys not sorted: " + quote(key) + " after " + quote(previous));
        }
      }
      entries.put(key, items.get(i + 1));
      previous = key;
    }
    PublicKey key = v4Key(entries);
    if (signature.size() != SIGNATURE_SIZE) {
      throw new InvalidRecordException(
          "signature must be " + SIGNATURE_SIZE + " bytes, got " + signature.size());
    }
    // the known entries are checked first: a malformed record costs no signature check
    NodeRecord record = new NodeRecord(encoded, signature, seq, entries, key);
    Bytes content = RLP.encodeList(w -> items.subList(1, items.size()).forEach(w::writeRLP));
    if (!key.verify(Keccak256.hash(content), signature)) {
      throw new InvalidRecordException("signature does not verify against the record's key");
    }
    return record;
  }

  /** Reads the text form {@code enr:<base64url>}; the base64 padding may be left out. */
  public static NodeRecord fromText(String text) {
    String s = text.strip();
    if (!s.startsWith(TEXT_PREFIX)) {
      throw new InvalidRecordException("record text must start with \"" + TEXT_PREFIX + "\"");
    }
    if (s.length() > MAX_TEXT_LENGTH) {
      throw new InvalidRecordException(
          "record text is "
              + s.length()
              + " characters, too long for a record of at most "
              + MAX_SIZE
              + " bytes");
    }
    byte[] rlp;
    try {
      rlp = Base64.getUrlDecoder().decode(s.substring(TEXT_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordException("record text is not base64url: " + e.getMessage());
    }
    return decode(Bytes.wrap(rlp));
  }

  public static Builder builder() {
    return new Builder(0, new TreeMap<>());
  }

  /** A builder holding this record's seq and entries, to change some and sign again. */
  public Builder toBuilder() {
    return new Builder(seq, new TreeMap<>(entries));
  }

  /** The record as RLP, exactly as it was decoded or signed. */
  public Bytes encoded() {
    return encoded;
  }

  /** {@code enr:} and the base64url of the RLP, without padding. */
  public String toText() {
    return TEXT_PREFIX
        + Base64.getUrlEncoder().withoutPadding().encodeToString(encoded.toArrayUnsafe());
  }

  /**
   * The sequence number, a uint64: values of 2^63 and above come back negative, so compare with
   * {@link Long#compareUnsigned}.
   */
  public long seq() {
    return seq;
  }

  /** The 64-byte signature r || s. */
  public Bytes signature() {
    return signature;
  }

  public NodeId nodeId() {
    return nodeId;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public Optional<Inet4Address> ip() {
    return Optional.ofNullable(ip);
  }

  public Optional<Inet6Address> ip6() {
    return Optional.ofNullable(ip6);
  }

  public OptionalInt udp() {
    return optional(udp);
  }

  public OptionalInt tcp() {
    return optional(tcp);
  }

  public OptionalInt udp6() {
    return optional(udp6);
  }

  public OptionalInt tcp6() {
    return optional(tcp6);
  }

  /** ip and udp, when both are set and usable (see {@link #tcpEndpoint4()}). */
  public Optional<InetSocketAddress> udpEndpoint4() {
    return endpoint(ip, udp);
  }

  /** ip6 and udp6, or udp when udp6 is absent (EIP-778: udp6 only when it differs). */
  public Optional<InetSocketAddress> udpEndpoint6() {
    return endpoint(ip6, udp6 != NO_PORT ? udp6 : udp);
  }

  /**
   * ip and tcp, when both are set. Like geth's enode.Node.TCPEndpoint, an unspecified address
   * (0.0.0.0) or port 0 gives no endpoint: nothing can be dialled there.
   */
  public Optional<InetSocketAddress> tcpEndpoint4() {
    return endpoint(ip, tcp);
  }

  /** ip6 and tcp6, or tcp when tcp6 is absent. */
  public Optional<InetSocketAddress> tcpEndpoint6() {
    return endpoint(ip6, tcp6 != NO_PORT ? tcp6 : tcp);
  }

  /** The raw RLP item of an entry's value. */
  public Optional<Bytes> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** Every key and its raw RLP value, sorted as in the record. */
  public SortedMap<String, Bytes> entries() {
    return entries;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeRecord r && encoded.equals(r.encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  @Override
  public String toString() {
    return toText();
  }

  /** Builds and signs records. Not thread-safe; {@link #sign} may be called more than once. */
  public static final class Builder {
    private long seq;
    private final SortedMap<String, Bytes> entries;

    private Builder(long seq, SortedMap<String, Bytes> entries) {
      this.seq = seq;
      this.entries = entries;
    }

    /** The sequence number, a uint64 (negative values stand for 2^63 and above). */
    public Builder seq(long seq) {
      this.seq = seq;
      return this;
    }

    /** Sets ip for an IPv4 address, ip6 for an IPv6 one. */
    public Builder ip(InetAddress address) {
      return set(address instanceof Inet4Address ? IP : IP6, RLP.encodeValue(bytes(address)));
    }

    public Builder udp(int port) {
      return set(UDP, encodePort(port));
    }

    public Builder tcp(int port) {
      return set(TCP, encodePort(port));
    }

    public Builder udp6(int port) {
      return set(UDP6, encodePort(port));
    }

    public Builder tcp6(int port) {
      return set(TCP6, encodePort(port));
    }

    /**
     * Sets any entry to a value given as one RLP item (string or list). Keys are byte strings: only
     * characters up to U+00FF are allowed, each standing for one byte.
     */
    public Builder set(String key, Bytes rlpValue) {
      for (int i = 0; i < key.length(); i++) {
        if (key.charAt(i) > 0xff) {
          throw new IllegalArgumentException("key " + quote(key) + " has a character above U+00FF");
        }
      }
      StrictRlp.checkItem(rlpValue);
      entries.put(key, rlpValue.copy());
      return this;
    }

    public Builder remove(String key) {
      entries.remove(key);
      return this;
    }

    /**
     * Signs with the key: sets id = "v4" and secp256k1 to the compressed public key, and signs
     * deterministically (RFC 6979, low S). Throws {@link InvalidRecordException} when the record
     * would exceed 300 bytes or an entry it knows (ip, ports ...) has the wrong form.
     */
    public NodeRecord sign(PrivateKey key) {
      SortedMap<String, Bytes> all = new TreeMap<>(entries);
      all.put(ID, RLP.encodeValue(Bytes.wrap(SCHEME_V4.getBytes(StandardCharsets.US_ASCII))));
      all.put(SECP256K1, RLP.encodeValue(key.publicKey().compressed()));
      List<Bytes> content = new ArrayList<>(1 + 2 * all.size());
      content.add(encodeUInt(seq));
      for (Map.Entry<String, Bytes> e : all.entrySet()) {
        content.add(RLP.encodeValue(Bytes.wrap(e.getKey().getBytes(StandardCharsets.ISO_8859_1))));
        content.add(e.getValue());
      }
      Bytes32 hash = Keccak256.hash(RLP.encodeList(w -> content.forEach(w::writeRLP)));
      Bytes signature = key.sign(hash).toCompact();
      return decode(
          RLP.encodeList(
              w -> {
                w.writeValue(signature);
                content.forEach(w::writeRLP);
              }));
    }

    private static Bytes encodePort(int port) {
      if (port < 0 || port > MAX_PORT) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      return encodeUInt(port);
    }

    private static Bytes encodeUInt(long value) {
      return RLP.encodeValue(Bytes.ofUnsignedLong(value).trimLeadingZeros());
    }

    private static Bytes bytes(InetAddress address) {
      return Bytes.wrap(address.getAddress());
    }
  }

  /** The v4 scheme's requirements: id = "v4" and a valid 33-byte secp256k1 key. */
  private static PublicKey v4Key(SortedMap<String, Bytes> entries) {
    Bytes id = entries.get(ID);
    if (id == null) throw new InvalidRecordException("no identity scheme (key \"id\")");
    String scheme = new String(value(ID, id).toArrayUnsafe(), StandardCharsets.ISO_8859_1);
    if (!scheme.equals(SCHEME_V4)) {
      throw new InvalidRecordException("unknown identity scheme " + quote(scheme));
    }
    Bytes compressed = entries.get(SECP256K1);
    if (compressed == null) throw new InvalidRecordException("no secp256k1 key");
    Bytes k = value(SECP256K1, compressed);
    if (k.size() != COMPRESSED_KEY_SIZE) {
      throw new InvalidRecordException(
          "secp256k1 key must be " + COMPRESSED_KEY_SIZE + " bytes, got " + k.size());
    }
    try {
      return PublicKey.fromBytes(k);
    } catch (InvalidKeyException e) {
      throw new InvalidRecordException("invalid secp256k1 key: " + e.getMessage());
    }
  }

  private InetAddress address(String key, int size) {
    Bytes raw = entries.get(key);
    if (raw == null) return null;
    Bytes b = value(key, raw);
    if (b.size() != size) {
      throw new InvalidRecordException(key + " must be " + size + " bytes, got " + b.size());
    }
    try {
      // Inet6Address directly: InetAddress.getByAddress turns an IPv4-mapped ip6 into IPv4
      return size == IPV4_SIZE
          ? InetAddress.getByAddress(b.toArrayUnsafe())
          : Inet6Address.getByAddress(null, b.toArrayUnsafe(), -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address of checked length refused", e);
    }
  }

  private int port(String key) {
    Bytes raw = entries.get(key);
    if (raw == null) return NO_PORT;
    long port = item(raw, key, StrictRlp::readUInt64);
    if (port < 0 || port > MAX_PORT) {
      throw new InvalidRecordException(key + " port out of range: " + Long.toUnsignedString(port));
    }
    return (int) port;
  }

  private static Optional<InetSocketAddress> endpoint(InetAddress address, int port) {
    if (address == null || address.isAnyLocalAddress() || port == NO_PORT || port == 0) {
      return Optional.empty();
    }
    return Optional.of(new InetSocketAddress(address, port));
  }

  private static OptionalInt optional(int port) {
    return port == NO_PORT ? OptionalInt.empty() : OptionalInt.of(port);
  }

  private static String key(Bytes item, int index) {
    Bytes k = item(item, "key at element " + index, StrictRlp::readBytes);
    return new String(k.toArrayUnsafe(), StandardCharsets.ISO_8859_1);
  }

  private static Bytes value(String key, Bytes item) {
    return item(item, quote(key), StrictRlp::readBytes);
  }

  private static <T> T item(Bytes item, String what, Function<Bytes, T> read) {
    try {
      return read.apply(item);
    } catch (InvalidRlpException e) {
      throw new InvalidRecordException(what + ": " + e.getMessage());
    }
  }

  /** A key in quotes for a message, bytes outside printable ASCII as \xNN. */
  private static String quote(String key) {
    StringBuilder s = new StringBuilder("\"");
    for (char c : key.toCharArray()) {
      if (c >= 0x20 && c < 0x7f) s.append(c);
      else s.append(String.format("\\x%02x", (int) c));
    }
    return s.append('"').toString();
  }
}
