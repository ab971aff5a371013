package org.jdevp2p.discv5;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import org.jdevp2p.enr.NodeRecord;

/**
 * geth's {@code netutil.Netlist} (the {@code --netrestrict} flag): the IPv4 and IPv6 networks a
 * node may talk to. The empty list allows every address.
 *
 * @param networks the allowed networks
 */
public record Netlist(List<Network> networks) {

  /** Allows every address. */
  public static final Netlist ANY = new Netlist(List.of());

  /** What an IP literal may look like: we never look a host name up. */
  private static final Pattern IP_LITERAL =
      Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  /**
   * One network in CIDR form.
   *
   * @param address the network's address
   * @param bits how many leading bits of an address must match {@code address}'s
   */
  public record Network(InetAddress address, int bits) {
    public Network {
      if (bits < 0 || bits > address.getAddress().length * 8) {
        throw new IllegalArgumentException("bad prefix length " + bits + " for " + address);
      }
    }

    /** True if {@code ip} is of the same family and its first {@code bits} bits match. */
    public boolean contains(InetAddress ip) {
      byte[] a = ip.getAddress();
      byte[] prefix = address.getAddress();
      if (a.length != prefix.length) return false;
      int full = bits / 8;
      for (int i = 0; i < full; i++) if (a[i] != prefix[i]) return false;
      int rest = bits % 8;
      if (rest == 0) return true;
      int mask = 0xff << (8 - rest) & 0xff;
      return (a[full] & mask) == (prefix[full] & mask);
    }
  }

  public Netlist {
    networks = List.copyOf(networks);
  }

  /**
   * Parses CIDR networks such as {@code 10.0.0.0/8} or {@code fd00::/8}.
   *
   * @throws IllegalArgumentException naming the first text that is not a CIDR network
   */
  public static Netlist parse(List<String> cidrs) {
    return new Netlist(cidrs.stream().map(String::strip).map(Netlist::network).toList());
  }

  private static Network network(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) throw new IllegalArgumentException("not a CIDR network: " + text);
    String ip = text.substring(0, slash);
    if (!IP_LITERAL.matcher(ip).matches()) {
      throw new IllegalArgumentException("not an IP address in " + text);
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address in " + text);
    }
    int bits;
    try {
      bits = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad prefix length in " + text);
    }
    if (bits < 0 || bits > address.getAddress().length * 8) {
      throw new IllegalArgumentException("bad prefix length in " + text);
    }
    return new Network(address, bits);
  }

  /** True if the list is empty or one of its networks contains {@code ip}. */
  public boolean allows(InetAddress ip) {
    return networks.isEmpty() || networks.stream().anyMatch(n -> n.contains(ip));
  }

  /** True if the list is empty or one of the record's IP addresses is allowed. */
  public boolean allows(NodeRecord r) {
    if (networks.isEmpty()) return true;
    return r.ip().filter(this::allows).isPresent()
        || r.ip6().map(InetAddress.class::cast).filter(this::allows).isPresent();
  }
}
