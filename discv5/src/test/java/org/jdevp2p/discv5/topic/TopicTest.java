package org.jdevp2p.discv5.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.Test;

class TopicTest {
  private static final PrivateKey KEY = PrivateKey.random();

  @Test
  void eth68TopicIdIsSha256OfTheName() {
    // topics.md §2
    assertThat(Topic.of("eth/68").id())
        .isEqualTo(
            Bytes32.fromHexString(
                "7717e0b009d3b7e93a7db52630a788f99f23a87975cd0800e80bb0d0f6a795ef"));
  }

  @Test
  void refusesAnIdThatIsNotTheNamesHash() {
    assertThatThrownBy(() -> new Topic("eth/68", Bytes32.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static NodeRecord record(String key, Bytes value) throws Exception {
    NodeRecord.Builder b =
        NodeRecord.builder().seq(1).ip(InetAddress.getByName("127.0.0.1")).udp(30303);
    if (key != null) b.set(key, value);
    return b.sign(KEY);
  }

  @Test
  void topicDiscoveryEntryMarksACapableNode() throws Exception {
    assertThat(TopicCapability.isCapable(record("topic-discovery", RLP.encodeInt(1)))).isTrue();
  }

  @Test
  void ngEntryAlsoMarksACapableNode() throws Exception {
    assertThat(TopicCapability.isCapable(record("ng", RLP.encodeInt(1)))).isTrue();
  }

  @Test
  void anotherRevisionCountsAsAbsent() throws Exception {
    assertThat(TopicCapability.isCapable(record("topic-discovery", RLP.encodeInt(2)))).isFalse();
  }

  @Test
  void aRecordWithoutTheEntryIsNotCapable() throws Exception {
    assertThat(TopicCapability.isCapable(record(null, null))).isFalse();
  }
}
