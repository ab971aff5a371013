package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** IPv6 on ::1, both families at once, and external address voting per family. */
class DualStackTest {
  private final TestNodes nodes = new TestNodes();

  @AfterEach
  void closeAll() {
    nodes.close();
  }

  private static InetSocketAddress ipv6Loopback() throws Exception {
    return new InetSocketAddress(InetAddress.getByName("::1"), 0);
  }

  @Test
  void nodesOnIpv6LoopbackPingAndFindEachOther() throws Exception {
    InetSocketAddress v6 = ipv6Loopback();
    Discovery a = nodes.start(b -> b.bind4(null).bind6(v6));
    Discovery b = nodes.start(c -> c.bind4(null).bind6(v6));
    assertThat(b.localRecord().ip6()).contains((Inet6Address) InetAddress.getByName("::1"));
    PingResponse pong = a.ping(b.localRecord()).join();
    assertThat(pong.recipient()).isEqualTo(a.localAddress6().orElseThrow());
    assertThat(a.findNodes(b.localRecord(), List.of(0)).join()).containsExactly(b.localRecord());
  }

  @Test
  void aDualStackNodeAdvertisesBothFamiliesAndAnswersOnEach() throws Exception {
    InetSocketAddress v6 = ipv6Loopback();
    Discovery dual = nodes.start(b -> b.bind6(v6));
    Discovery only4 = nodes.start();
    Discovery only6 = nodes.start(b -> b.bind4(null).bind6(v6));
    assertThat(dual.localRecord().udpEndpoint4()).isPresent();
    assertThat(dual.localRecord().ip6()).isPresent();
    assertThat(only4.ping(dual.localRecord()).join().recipient().getAddress())
        .isInstanceOf(Inet4Address.class);
    assertThat(only6.ping(dual.localRecord()).join().recipient())
        .isEqualTo(only6.localAddress6().orElseThrow());
  }

  @Test
  void wildcardsOfBothFamiliesOnOnePortShareOneSocketThatAnswersBoth() throws Exception {
    int port;
    try (DatagramSocket probe = new DatagramSocket(0)) {
      port = probe.getLocalPort();
    }
    InetAddress any4 = InetAddress.getByName("0.0.0.0");
    InetAddress any6 = InetAddress.getByName("::");
    Inet4Address loopback4 = (Inet4Address) InetAddress.getByName("127.0.0.1");
    Inet6Address loopback6 = (Inet6Address) InetAddress.getByName("::1");
    Discovery wildcard =
        nodes.start(
            b ->
                b.bind4(new InetSocketAddress(any4, port))
                    .bind6(new InetSocketAddress(any6, port))
                    .enrIp4(loopback4)
                    .enrIp6(loopback6));
    InetSocketAddress v6 = ipv6Loopback();
    Discovery only4 = nodes.start();
    Discovery only6 = nodes.start(b -> b.bind4(null).bind6(v6));

    assertThat(wildcard.localAddress4()).contains(new InetSocketAddress(any4, port));
    assertThat(only4.ping(wildcard.localRecord()).join().recipient())
        .isEqualTo(only4.localAddress4().orElseThrow());
    assertThat(only6.ping(wildcard.localRecord()).join().recipient())
        .isEqualTo(only6.localAddress6().orElseThrow());
  }

  @Test
  void peersVotingForAnotherEndpointUpdateTheRecordAndBumpItsSeq() throws Exception {
    Inet4Address wrong = (Inet4Address) InetAddress.getByName("127.0.0.2");
    Discovery moved = nodes.start(b -> b.enrIp4(wrong).addressVoteMinStatements(2));
    Discovery peer1 = nodes.start();
    Discovery peer2 = nodes.start();
    long seqBefore = moved.localRecord().seq();
    assertThat(moved.localRecord().ip()).contains(wrong);

    moved.ping(peer1.localRecord()).join();
    assertThat(moved.localRecord().seq()).isEqualTo(seqBefore); // one vote is not enough
    moved.ping(peer2.localRecord()).join();

    assertThat(moved.localRecord().udpEndpoint4()).contains(moved.localAddress4().orElseThrow());
    assertThat(moved.localRecord().seq()).isEqualTo(seqBefore + 1);
    // peers learn of the new record from the enr-seq of our PONGs
    assertThat(peer1.ping(moved.localRecord()).join().enrSeq()).isEqualTo(seqBefore + 1);
  }

  @Test
  void aPinnedEndpointIgnoresPeersVotingForAnotherAndKeepsItsSeq() throws Exception {
    Inet4Address pinned = (Inet4Address) InetAddress.getByName("127.0.0.2");
    Discovery fixed =
        nodes.start(b -> b.enrIp4(pinned).pinEndpoint4(true).addressVoteMinStatements(2));
    Discovery peer1 = nodes.start();
    Discovery peer2 = nodes.start();
    NodeRecord before = fixed.localRecord();

    fixed.ping(peer1.localRecord()).join();
    fixed.ping(peer2.localRecord()).join();

    assertThat(fixed.localRecord().ip()).contains(pinned);
    assertThat(fixed.localRecord().seq()).isEqualTo(before.seq());
  }
}
