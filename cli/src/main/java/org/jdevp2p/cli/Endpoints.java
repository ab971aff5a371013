package org.jdevp2p.cli;

import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdevp2p.discv5.Discovery;
import org.jdevp2p.discv5.DiscoveryConfig;
import org.jdevp2p.enr.InvalidRecordException;
import org.jdevp2p.enr.NodeRecord;

/** The discovery options shared by the daemon and the toolbox: listen addresses, NAT, bootnodes. */
final class Endpoints {
  private Endpoints() {}

  /** {@code IP:PORT} or {@code [IPv6]:PORT}; the IP is a literal, never looked up. */
  static InetSocketAddress parseHostPort(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) throw new CommandFailedException("not HOST:PORT: " + text);
    String host = text.substring(0, colon);
    InetAddress ip = Addresses.parse(host);
    if (ip instanceof Inet6Address && !host.startsWith("[")) {
      throw new CommandFailedException("write an IPv6 address in brackets, [::]:PORT: " + text);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new CommandFailedException("not a port in " + text);
    }
    if (port < 0 || port > 65_535) throw new CommandFailedException("port out of range: " + text);
    return new InetSocketAddress(ip, port);
  }

  static List<NodeRecord> records(List<String> texts) {
    List<NodeRecord> out = new ArrayList<>();
    for (String t : texts) {
      try {
        out.add(NodeRecord.fromText(t.strip()));
      } catch (InvalidRecordException e) {
        throw new CommandFailedException("bad node record " + t + ": " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * Sets the listen sockets (at most one per address family) and what {@code --nat} says about our
   * external address: {@code extip:IP} puts that IP in our record and pins it there (geth's static
   * IP: PONG votes for that family are ignored); {@code none} leaves it to the bind address and to
   * the PONG votes of our peers.
   */
  static DiscoveryConfig.Builder listen(DiscoveryConfig.Builder b, List<String> addrs, String nat) {
    b.bind4(null);
    boolean has4 = false;
    boolean has6 = false;
    for (String a : addrs) {
      InetSocketAddress address = parseHostPort(a.strip());
      if (address.getAddress() instanceof Inet4Address) {
        if (has4) throw new CommandFailedException("--addr: more than one IPv4 address");
        has4 = true;
        b.bind4(address);
      } else {
        if (has6) throw new CommandFailedException("--addr: more than one IPv6 address");
        has6 = true;
        b.bind6(address);
      }
    }
    if (!has4 && !has6) throw new CommandFailedException("--addr: no address to listen on");
    if (nat.equals("none")) return b;
    if (!nat.startsWith("extip:")) {
      throw new CommandFailedException("--nat must be extip:IP or none, not " + nat);
    }
    switch (Addresses.parse(nat.substring("extip:".length()))) {
      case Inet4Address ip4 -> b.enrIp4(ip4).pinEndpoint4(true);
      case Inet6Address ip6 -> b.enrIp6(ip6).pinEndpoint6(true);
      default -> throw new CommandFailedException("--nat: not an IP: " + nat);
    }
    return b;
  }

  /**
   * Starts a node listening on {@code addrs}. When both families were asked for and the IPv6 socket
   * cannot be bound (a host without IPv6), it falls back to IPv4 alone rather than not starting;
   * {@code warn} hears why.
   */
  static Discovery start(
      List<String> addrs, Function<List<String>, DiscoveryConfig> config, Consumer<String> warn) {
    DiscoveryConfig full = config.apply(addrs);
    try {
      return Discovery.start(full);
    } catch (UncheckedIOException e) {
      if (full.bind4().isEmpty() || full.bind6().isEmpty()) throw e;
      if (!String.valueOf(e.getCause().getMessage()).contains(full.bind6().get().toString())) {
        throw e;
      }
      warn.accept(e.getCause().getMessage() + "; listening on IPv4 only");
      List<String> ipv4 =
          addrs.stream()
              .filter(a -> parseHostPort(a.strip()).getAddress() instanceof Inet4Address)
              .toList();
      return Discovery.start(config.apply(ipv4));
    }
  }

  /** A printable host for an enode URL: the record's IP, else the bind address. */
  static InetAddress advertisedIp(Discovery d) {
    NodeRecord r = d.localRecord();
    return r.ip()
        .<InetAddress>map(a -> a)
        .or(r::ip6)
        .or(() -> d.localAddress4().map(InetSocketAddress::getAddress))
        .or(() -> d.localAddress6().map(InetSocketAddress::getAddress))
        .orElseThrow();
  }

  static int udpPort(Discovery d) {
    return d.localAddress4().or(d::localAddress6).orElseThrow().getPort();
  }
}
