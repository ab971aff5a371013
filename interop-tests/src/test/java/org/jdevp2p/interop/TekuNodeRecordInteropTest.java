package org.jdevp2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.units.bigints.UInt64;
import org.ethereum.beacon.discovery.crypto.DefaultSigner;
import org.ethereum.beacon.discovery.schema.NodeRecordBuilder;
import org.ethereum.beacon.discovery.schema.NodeRecordFactory;
import org.ethereum.beacon.discovery.util.Functions;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.Test;

/**
 * Node records travel both ways between our enr package and Teku's discovery library, byte for
 * byte: the same signature (both sign deterministically, low S), the same node id, the same
 * endpoints.
 */
class TekuNodeRecordInteropTest {
  /** The EIP-778 example key. */
  private static final Bytes32 SECRET =
      Bytes32.fromHexString("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291");

  /** An eth2 entry as Teku writes it: the 16-byte ENRForkID of a consensus node. */
  private static final Bytes ETH2 = Bytes.fromHexString("bba4da9603000000ffffffffffffffff");

  @Test
  void tekuAcceptsOurRecordWithBothAddressFamilies() throws Exception {
    NodeRecord ours =
        NodeRecord.builder()
            .seq(5)
            .ip(InetAddress.getByName("10.0.0.1"))
            .udp(30303)
            .tcp(30304)
            .ip(InetAddress.getByName("2001:db8::1"))
            .udp6(30305)
            .tcp6(30306)
            .set("eth2", RLP.encodeValue(ETH2))
            .sign(PrivateKey.fromBytes(SECRET));

    var teku = NodeRecordFactory.DEFAULT.fromEnr(ours.toText());

    assertThat(teku.isValid()).isTrue();
    assertThat(teku.getNodeId()).isEqualTo(ours.nodeId().bytes());
    assertThat(teku.getSeq()).isEqualTo(UInt64.valueOf(5));
    assertThat(teku.getUdpAddress()).hasValue(new InetSocketAddress("10.0.0.1", 30303));
    assertThat(teku.getTcpAddress()).hasValue(new InetSocketAddress("10.0.0.1", 30304));
    assertThat(teku.getUdp6Address()).hasValue(new InetSocketAddress("2001:db8::1", 30305));
    assertThat(teku.getTcp6Address()).hasValue(new InetSocketAddress("2001:db8::1", 30306));
    assertThat(teku.get("eth2")).isEqualTo(ETH2);
    assertThat(teku.serialize()).isEqualTo(ours.encoded());
  }

  @Test
  void weAcceptTekusRecordByteForByte() {
    var teku =
        new NodeRecordBuilder()
            .signer(new DefaultSigner(Functions.createSecretKey(SECRET)))
            .seq(7)
            .address("10.0.0.2", 9000, 9001)
            .customField("eth2", ETH2)
            .build();

    NodeRecord ours = NodeRecord.fromText(teku.asEnr());

    assertThat(ours.encoded()).isEqualTo(teku.serialize());
    assertThat(ours.nodeId().bytes()).isEqualTo(teku.getNodeId());
    assertThat(ours.seq()).isEqualTo(7);
    assertThat(ours.udpEndpoint4()).hasValue(new InetSocketAddress("10.0.0.2", 9000));
    assertThat(ours.tcpEndpoint4()).hasValue(new InetSocketAddress("10.0.0.2", 9001));
    assertThat(ours.get("eth2")).hasValue(RLP.encodeValue(ETH2));
  }

  @Test
  void resigningTekusRecordWithTheSameKeyGivesTekusBytes() {
    var teku =
        new NodeRecordBuilder()
            .signer(new DefaultSigner(Functions.createSecretKey(SECRET)))
            .seq(7)
            .address("10.0.0.2", 9000)
            .build();
    NodeRecord ours = NodeRecord.fromText(teku.asEnr());
    assertThat(ours.toBuilder().sign(PrivateKey.fromBytes(SECRET)).encoded())
        .isEqualTo(teku.serialize());
  }
}
