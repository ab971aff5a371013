package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.Enode;
import org.junit.jupiter.api.Test;

class RlpxTargetTest {
  private final PrivateKey key = PrivateKey.random();

  @Test
  void enodeGivesItsKeyAndTcpEndpoint() throws Exception {
    InetAddress ip = InetAddress.getByName("127.0.0.1");
    Enode enode = new Enode(key.publicKey(), ip, 30303, 30301);

    RlpxTarget target = RlpxTarget.parse(enode.toString());

    assertThat(target.key()).isEqualTo(key.publicKey());
    assertThat(target.address()).isEqualTo(new InetSocketAddress(ip, 30303));
  }

  @Test
  void enrGivesItsKeyAndTcpEndpoint() throws Exception {
    InetAddress ip = InetAddress.getByName("127.0.0.1");
    NodeRecord record = NodeRecord.builder().ip(ip).tcp(30305).udp(30306).sign(key);

    RlpxTarget target = RlpxTarget.parse(record.toText());

    assertThat(target.key()).isEqualTo(key.publicKey());
    assertThat(target.address()).isEqualTo(new InetSocketAddress(ip, 30305));
  }

  @Test
  void enrWithoutTcpEndpointIsRefused() throws Exception {
    NodeRecord record =
        NodeRecord.builder().ip(InetAddress.getByName("127.0.0.1")).udp(30306).sign(key);

    assertThatThrownBy(() -> RlpxTarget.parse(record.toText()))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining("no ip and tcp");
  }

  @Test
  void textThatIsNeitherIsRefused() {
    assertThatThrownBy(() -> RlpxTarget.parse("127.0.0.1:30303"))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining("not an enode URL or ENR");
  }
}
