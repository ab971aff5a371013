package org.jdevp2p.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** IP literals from the command line; host names are not looked up. */
final class Addresses {
  private Addresses() {}

  static InetAddress parse(String ip) {
    String s = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
    if (!s.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      throw new CommandFailedException("not an IP address: " + ip);
    }
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw new CommandFailedException("not an IP address: " + ip);
    }
  }

  /** HOST:PORT with an IP literal host; IPv6 in brackets: {@code [::1]:30303}. */
  static InetSocketAddress parseEndpoint(String endpoint) {
    int colon = endpoint.lastIndexOf(':');
    if (colon < 0) throw new CommandFailedException("expected HOST:PORT, got " + endpoint);
    int port;
    try {
      port = Integer.parseInt(endpoint.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new CommandFailedException("not a port: " + endpoint.substring(colon + 1));
    }
    if (port < 0 || port > 65535) throw new CommandFailedException("port out of range: " + port);
    return new InetSocketAddress(parse(endpoint.substring(0, colon)), port);
  }

  /** An endpoint as HOST:PORT, IPv6 in brackets: the form {@link #parseEndpoint} reads. */
  static String hostPort(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
