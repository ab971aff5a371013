package org.jdevp2p.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdevp2p.node.TestNodes.node;

import org.jdevp2p.enr.NodeRecord;
import org.junit.jupiter.api.Test;

class NodeFilterTest {
  private final NodeRecord withTcp = node(30303);
  private final NodeRecord withoutTcp = node(0);

  @Test
  void hasTcpEndpointNeedsAnAddressAndATcpPort() {
    assertThat(NodeFilter.hasTcpEndpoint().test(withTcp)).isTrue();
    assertThat(NodeFilter.hasTcpEndpoint().test(withoutTcp)).isFalse();
  }

  @Test
  void hasEntryLooksForTheKey() {
    assertThat(NodeFilter.hasEntry("tcp").test(withTcp)).isTrue();
    assertThat(NodeFilter.hasEntry("eth").test(withTcp)).isFalse();
  }

  @Test
  void andNeedsBoth() {
    NodeFilter both = NodeFilter.hasEntry("udp").and(NodeFilter.hasTcpEndpoint());
    assertThat(both.test(withTcp)).isTrue();
    assertThat(both.test(withoutTcp)).isFalse();
  }

  @Test
  void orNeedsEither() {
    NodeFilter either = NodeFilter.hasEntry("eth").or(NodeFilter.hasTcpEndpoint());
    assertThat(either.test(withTcp)).isTrue();
    assertThat(either.test(withoutTcp)).isFalse();
  }

  @Test
  void negateInverts() {
    assertThat(NodeFilter.hasTcpEndpoint().negate().test(withoutTcp)).isTrue();
  }

  @Test
  void combinationsAreNodeFiltersForNodeSourceFilter() {
    NodeFilter combined = NodeFilter.hasEntry("udp").and(r -> true).or(r -> false).negate();
    assertThat(combined.test(withTcp)).isFalse();
  }
}
