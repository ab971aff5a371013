package org.jdevp2p.cli;

import java.net.InetAddress;
import java.util.List;
import org.jdevp2p.enr.NodeRecord;

/**
 * geth's {@code netutil.Netlist} for --netrestrict: the networks a node may come from. An empty
 * list allows every address.
 */
record NetRestrict(List<Cidr> networks) {

  /** One network: an address and how many of its leading bits must match. */
  record Cidr(byte[] prefix, int bits) {
    boolean contains(InetAddress ip) {
      byte[] a = ip.getAddress();
      if (a.length != prefix.length) return false;
      int full = bits / 8;
      for (int i = 0; i < full; i++) if (a[i] != prefix[i]) return false;
      int rest = bits % 8;
      if (rest == 0) return true;
      int mask = 0xff << (8 - rest) & 0xff;
      return (a[full] & mask) == (prefix[full] & mask);
    }
  }

  static NetRestrict parse(List<String> cidrs) {
    return new NetRestrict(cidrs.stream().map(String::strip).map(NetRestrict::cidr).toList());
  }

  private static Cidr cidr(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) throw new CommandFailedException("--netrestrict: not a CIDR network: " + text);
    byte[] prefix = Addresses.parse(text.substring(0, slash)).getAddress();
    int bits;
    try {
      bits = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new CommandFailedException("--netrestrict: bad prefix length in " + text);
    }
    if (bits < 0 || bits > prefix.length * 8) {
      throw new CommandFailedException("--netrestrict: bad prefix length in " + text);
    }
    return new Cidr(prefix, bits);
  }

  boolean allows(InetAddress ip) {
    return networks.isEmpty() || networks.stream().anyMatch(n -> n.contains(ip));
  }

  /** A record is allowed if one of its addresses is. */
  boolean allows(NodeRecord r) {
    if (networks.isEmpty()) return true;
    return r.ip().filter(this::allows).isPresent()
        || r.ip6().map(InetAddress.class::cast).filter(this::allows).isPresent();
  }
}
