package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jdevp2p.discv5.TopicSimulation.AttackBase;
import org.jdevp2p.discv5.TopicSimulation.Params;
import org.junit.jupiter.api.Test;

class TopicSimulationParamsTest {

  @Test
  void theAttackIsOnTopicT1AsAShareOfItsParticipantsByDefault() {
    Params p = Params.parse(new String[] {"attack=0.2"});
    assertThat(p.target()).isEqualTo(1);
    assertThat(p.attackBase()).isEqualTo(AttackBase.TOPIC);
  }

  @Test
  void readsTheNetworkBaseAndTheTarget() {
    Params p = Params.parse(new String[] {"attackBase=network", "target=3", "topics=5"});
    assertThat(p.attackBase()).isEqualTo(AttackBase.NETWORK);
    assertThat(p.target()).isEqualTo(3);
  }

  @Test
  void rejectsATargetBeyondTheTopics() {
    assertThatThrownBy(() -> Params.parse(new String[] {"topics=5", "target=6"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target");
  }

  @Test
  void withTheNetworkBaseHalfOfAllParticipantsAreSybils() {
    TopicSimulation sim =
        new TopicSimulation(
            Params.parse(
                new String[] {"nodes=60", "topics=5", "attack=0.5", "attackBase=network"}));
    assertThat(sim.sybilCount()).isEqualTo(60);
  }

  @Test
  void withTheTopicBaseHalfOfTheTargetsParticipantsAreSybils() {
    TopicSimulation sim =
        new TopicSimulation(
            Params.parse(new String[] {"nodes=60", "topics=5", "attack=0.5", "target=2"}));
    assertThat(sim.sybilCount()).isEqualTo(sim.members(2)).isPositive();
  }
}
