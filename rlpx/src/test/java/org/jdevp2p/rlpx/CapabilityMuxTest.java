package org.jdevp2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jdevp2p.rlpx.CapabilityMux.Registration;
import org.junit.jupiter.api.Test;

class CapabilityMuxTest {
  private static final Capability ETH67 = new Capability("eth", 67, 17);
  private static final Capability ETH68 = new Capability("eth", 68, 17);
  private static final Capability SNAP1 = new Capability("snap", 1, 8);
  private static final Capability LES4 = new Capability("les", 4, 23);
  private static final CapabilityHandler NOOP = (peer, code, payload) -> {};

  private static List<Registration> ours(Capability... caps) {
    return List.of(caps).stream().map(c -> new Registration(c, NOOP)).toList();
  }

  private static List<Hello.Cap> theirs(String... caps) {
    return List.of(caps).stream()
        .map(s -> new Hello.Cap(s.split("/")[0], Integer.parseInt(s.split("/")[1])))
        .toList();
  }

  @Test
  void sharedCapabilitiesTakeConsecutiveRangesFrom0x10InNameOrder() {
    // spec example: eth/68 + snap/1 -> eth at 0x10..0x20, snap at 0x21..0x28
    CapabilityMux mux = CapabilityMux.match(ours(SNAP1, ETH68), theirs("snap/1", "eth/68"));
    assertThat(mux.capabilities()).containsExactly(ETH68, SNAP1);
    assertThat(mux.route(0x10).capability()).isEqualTo(ETH68);
    assertThat(mux.route(0x20).capability()).isEqualTo(ETH68);
    assertThat(mux.route(0x21).capability()).isEqualTo(SNAP1);
    assertThat(mux.route(0x28).capability()).isEqualTo(SNAP1);
    assertThat(mux.route(0x29)).isNull();
  }

  @Test
  void onlyTheHighestSharedVersionOfANameIsKept() {
    CapabilityMux mux =
        CapabilityMux.match(ours(ETH67, ETH68, SNAP1), theirs("eth/67", "eth/68", "snap/1"));
    assertThat(mux.capabilities()).containsExactly(ETH68, SNAP1);
    assertThat(mux.route(0x21).capability()).isEqualTo(SNAP1);
  }

  @Test
  void aVersionOnlyOneSideRunsIsNotShared() {
    CapabilityMux mux = CapabilityMux.match(ours(ETH67, ETH68), theirs("eth/67", "eth/69"));
    assertThat(mux.capabilities()).containsExactly(ETH67);
  }

  @Test
  void capabilitiesTheyOfferAndWeDoNotRunAreIgnored() {
    CapabilityMux mux = CapabilityMux.match(ours(SNAP1), theirs("eth/68", "les/4", "snap/1"));
    assertThat(mux.capabilities()).containsExactly(SNAP1);
    assertThat(mux.route(0x10).capability()).isEqualTo(SNAP1);
  }

  @Test
  void namesAreCaseSensitive() {
    assertThat(CapabilityMux.match(ours(ETH68), theirs("ETH/68")).isEmpty()).isTrue();
  }

  @Test
  void noSharedCapabilityGivesAnEmptyMux() {
    CapabilityMux mux = CapabilityMux.match(ours(LES4), theirs("eth/68", "snap/1"));
    assertThat(mux.isEmpty()).isTrue();
    assertThat(mux.route(0x10)).isNull();
  }

  @Test
  void p2pIdsBelongToNoCapability() {
    CapabilityMux mux = CapabilityMux.match(ours(ETH68), theirs("eth/68"));
    assertThat(mux.route(0x0f)).isNull();
  }

  @Test
  void relativeCodesMapToAbsoluteIds() {
    CapabilityMux mux = CapabilityMux.match(ours(ETH68, SNAP1), theirs("eth/68", "snap/1"));
    assertThat(mux.absoluteCode(ETH68, 0)).isEqualTo(0x10);
    assertThat(mux.absoluteCode(SNAP1, 7)).isEqualTo(0x28);
  }

  @Test
  void codeOutsideTheCapabilityCannotBeSent() {
    CapabilityMux mux = CapabilityMux.match(ours(ETH68), theirs("eth/68"));
    assertThatThrownBy(() -> mux.absoluteCode(ETH68, 17))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void capabilityThatIsNotSharedCannotBeSent() {
    CapabilityMux mux = CapabilityMux.match(ours(ETH68, SNAP1), theirs("eth/68"));
    assertThatThrownBy(() -> mux.absoluteCode(SNAP1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
