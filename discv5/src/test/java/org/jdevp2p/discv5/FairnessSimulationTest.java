package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import org.jdevp2p.discv5.topic.Topic;
import org.junit.jupiter.api.Test;

class FairnessSimulationTest {

  @Test
  void theOppositeTopicsIdDiffersInTheTopBit() {
    Topic a = Topic.of("a1");

    Topic b = FairnessSimulation.opposite(a);

    assertThat((a.id().get(0) ^ b.id().get(0)) & 0x80).isEqualTo(0x80);
  }
}
