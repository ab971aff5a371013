package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.discv5.wire.Message;
import org.jdevp2p.discv5.wire.RequestId;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** netrestrict: a node talks to, and keeps records of, the configured networks only. */
class NetRestrictTest {
  private static final Netlist ONLY_127_0_0_1 = Netlist.parse(List.of("127.0.0.1/32"));

  private final TestNodes nodes = new TestNodes();

  @AfterEach
  void closeAll() {
    nodes.close();
  }

  @Test
  void aRestrictedNodeAnswersAPeerInsideItsNetworks() {
    Discovery node = nodes.start(b -> b.netRestrict(ONLY_127_0_0_1));
    RawPeer inside = nodes.add(new RawPeer("127.0.0.1", node.localRecord()));

    inside.handshake(new Message.Ping(new RequestId(Bytes.of(1)), 1));

    assertThat(inside.receiveMessage()).isInstanceOf(Message.Pong.class);
  }

  @Test
  void aRestrictedNodeDropsAndCountsAPacketFromOutsideWithoutAnsweringIt() {
    Discovery node = nodes.start(b -> b.netRestrict(ONLY_127_0_0_1));
    RawPeer outside = nodes.add(new RawPeer("127.0.0.2", node.localRecord()));

    outside.send(outside.codec.randomPacket()); // an unrestricted node answers with a WHOAREYOU

    assertThat(outside.receiveRaw()).isEmpty();
    node.onLoop(p -> null).join();
    assertThat(node.metrics().drops(DropReason.NOT_ALLOWED)).isEqualTo(1);
  }

  @Test
  void aNodesAnswerRecordOutsideTheNetworksIsNotReturnedNorAddedToTheTable() {
    Discovery server = nodes.start();
    Discovery outsider = nodes.start(b -> b.bind4(new InetSocketAddress(ip("127.0.0.2"), 0)));
    outsider.ping(server.localRecord()).join(); // now in the server's table
    Discovery restricted = nodes.start(b -> b.netRestrict(ONLY_127_0_0_1));
    int distance = server.localId().logDistance(outsider.localId());

    List<NodeRecord> found = restricted.findNodes(server.localRecord(), List.of(distance)).join();
    List<NodeRecord> looked = restricted.lookup(outsider.localId()).join();

    assertThat(found).extracting(NodeRecord::nodeId).doesNotContain(outsider.localId());
    assertThat(looked).extracting(NodeRecord::nodeId).doesNotContain(outsider.localId());
    assertThat(restricted.tableNodes().join())
        .extracting(NodeRecord::nodeId)
        .contains(server.localId())
        .doesNotContain(outsider.localId());
  }

  @Test
  void cidrsOfBothFamiliesParseAndMatchTheirPrefixOnly() {
    Netlist list = Netlist.parse(List.of("10.0.0.0/8", " fd00::/8"));

    assertThat(list.allows(ip("10.200.0.1"))).isTrue();
    assertThat(list.allows(ip("11.0.0.1"))).isFalse();
    assertThat(list.allows(ip("fdab::1"))).isTrue();
    assertThat(list.allows(ip("fe80::1"))).isFalse();
    assertThat(Netlist.ANY.allows(ip("11.0.0.1"))).isTrue();
  }

  @Test
  void aCidrWithoutPrefixOrWithAnOversizedOneIsRefusedNamingIt() {
    assertThatThrownBy(() -> Netlist.parse(List.of("10.0.0.0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10.0.0.0");
    assertThatThrownBy(() -> Netlist.parse(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10.0.0.0/33");
    assertThatThrownBy(() -> Netlist.parse(List.of("example.org/8")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("example.org");
  }

  private static InetAddress ip(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
