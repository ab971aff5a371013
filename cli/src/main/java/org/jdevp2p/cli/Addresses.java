package org.jdevp2p.cli;

import java.net.InetAddress;
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
}
