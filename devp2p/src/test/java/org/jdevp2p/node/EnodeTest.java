package org.jdevp2p.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class EnodeTest {
  private static final PublicKey KEY = PrivateKey.random().publicKey();

  @Test
  void udpPortDefaultsToTheTcpPort() {
    Enode e = Enode.parse("enode://" + KEY + "@10.3.58.6:30303");
    assertThat(e.publicKey()).isEqualTo(KEY);
    assertThat(e.ip().getHostAddress()).isEqualTo("10.3.58.6");
    assertThat(e.tcpPort()).isEqualTo(30303);
    assertThat(e.udpPort()).isEqualTo(30303);
    assertThat(e.toString()).isEqualTo("enode://" + KEY + "@10.3.58.6:30303");
  }

  @Test
  void discportGivesTheUdpPort() {
    Enode e = Enode.parse("enode://" + KEY + "@10.3.58.6:30303?discport=30301");
    assertThat(e.udpPort()).isEqualTo(30301);
    assertThat(e.toString()).endsWith("@10.3.58.6:30303?discport=30301");
    assertThat(Enode.parse(e.toString())).isEqualTo(e);
  }

  @Test
  void ipv6HostsAreBracketed() throws Exception {
    Enode e = new Enode(KEY, InetAddress.getByName("::1"), 30303, 30303);
    assertThat(e.toString()).contains("@[0:0:0:0:0:0:0:1]:30303");
    assertThat(Enode.parse(e.toString())).isEqualTo(e);
  }

  @Test
  void nodeIdFollowsFromTheKey() {
    assertThat(Enode.parse("enode://" + KEY + "@127.0.0.1:1").nodeId()).isEqualTo(NodeId.of(KEY));
  }

  @Test
  void malformedUrlsAreRefusedWithAReason() {
    assertThatThrownBy(() -> Enode.parse("enr:-abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an enode URL");
    assertThatThrownBy(() -> Enode.parse("enode://" + KEY + "@127.0.0.1"))
        .hasMessageContaining("no port");
    assertThatThrownBy(() -> Enode.parse("enode://abcd@127.0.0.1:30303"))
        .hasMessageContaining("128 hex digits");
    assertThatThrownBy(() -> Enode.parse("enode://" + KEY + "@example.org:30303"))
        .hasMessageContaining("must be an IP address");
    assertThatThrownBy(() -> Enode.parse("enode://" + KEY + "@127.0.0.1:30303?discport=x"))
        .hasMessageContaining("discport");
    assertThatThrownBy(() -> Enode.parse("enode://" + "11".repeat(64) + "@127.0.0.1:30303"))
        .hasMessageContaining("public key");
  }
}
