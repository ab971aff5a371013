package org.jdevp2p.node;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.InvalidKeyException;
import org.jdevp2p.crypto.PublicKey;

/**
 * An enode URL: {@code enode://<128 hex public key>@<ip>:<tcp>[?discport=<udp>]}. The UDP port is
 * the TCP port unless discport says otherwise. Host names are refused: geth's bootnode lists carry
 * IP literals only.
 */
public record Enode(PublicKey publicKey, InetAddress ip, int tcpPort, int udpPort) {

  public Enode {
    checkPort(tcpPort, "tcp");
    checkPort(udpPort, "udp");
  }

  public NodeId nodeId() {
    return NodeId.of(publicKey);
  }

  /** Parses an enode URL; throws IllegalArgumentException naming what is wrong. */
  public static Enode parse(String text) {
    String s = text.strip();
    if (!s.startsWith("enode://")) throw new IllegalArgumentException("not an enode URL: " + s);
    URI uri;
    try {
      uri = new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("malformed enode URL: " + e.getMessage());
    }
    String user = uri.getRawUserInfo();
    if (user == null || uri.getHost() == null) {
      throw new IllegalArgumentException("enode URL needs <key>@<ip>:<port>: " + s);
    }
    if (!user.matches("[0-9a-fA-F]{128}")) {
      throw new IllegalArgumentException("enode public key must be 128 hex digits");
    }
    PublicKey key;
    try {
      key = PublicKey.fromBytes(Bytes.fromHexString(user));
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("enode public key: " + e.getMessage());
    }
    String host = uri.getHost();
    if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
    if (!host.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      throw new IllegalArgumentException("enode host must be an IP address: " + host);
    }
    InetAddress ip;
    try {
      ip = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("enode host must be an IP address: " + host);
    }
    int tcp = uri.getPort();
    if (tcp < 0) throw new IllegalArgumentException("enode URL has no port: " + s);
    int udp = tcp;
    String query = uri.getRawQuery();
    if (query != null) {
      for (String param : query.split("&")) {
        if (param.startsWith("discport=")) {
          try {
            udp = Integer.parseInt(param.substring("discport=".length()));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("enode discport is not a number: " + param);
          }
        }
      }
    }
    return new Enode(key, ip, tcp, udp);
  }

  @Override
  public String toString() {
    String host = ip.getHostAddress();
    if (host.contains(":")) host = "[" + host + "]";
    String base = "enode://" + publicKey + "@" + host + ":" + tcpPort;
    return udpPort == tcpPort ? base : base + "?discport=" + udpPort;
  }

  private static void checkPort(int port, String what) {
    if (port < 0 || port > 65535)
      throw new IllegalArgumentException(what + " port out of range: " + port);
  }
}
