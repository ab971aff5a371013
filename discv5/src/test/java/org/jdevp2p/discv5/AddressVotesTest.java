package org.jdevp2p.discv5;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AddressVotesTest {
  private final ManualClock clock = new ManualClock();
  private final AddressVotes votes = new AddressVotes(Duration.ofMinutes(5), 3, clock);
  private static final InetSocketAddress OURS = new InetSocketAddress("203.0.113.7", 30303);
  private static final InetSocketAddress OTHER = new InetSocketAddress("203.0.113.8", 30303);

  private static InetSocketAddress peer(int i) {
    return new InetSocketAddress("198.51.100." + i, 30303);
  }

  @Test
  void predictsNothingBeforeEnoughVoters() {
    votes.addStatement(peer(1), OURS);
    votes.addStatement(peer(2), OURS);
    assertThat(votes.predict()).isEmpty();
  }

  @Test
  void predictsTheEndpointMostVotersReport() {
    votes.addStatement(peer(1), OURS);
    votes.addStatement(peer(2), OURS);
    votes.addStatement(peer(3), OURS);
    votes.addStatement(peer(4), OTHER);
    assertThat(votes.predict()).contains(OURS);
  }

  @Test
  void oneIpVotesOnceWhateverPortItUses() {
    for (int port = 1; port <= 5; port++) {
      votes.addStatement(new InetSocketAddress("198.51.100.1", 40000 + port), OTHER);
    }
    assertThat(votes.predict()).isEmpty();
  }

  @Test
  void loopbackPeersVoteOncePerPort() {
    for (int port = 1; port <= 3; port++) {
      votes.addStatement(new InetSocketAddress("127.0.0.1", 40000 + port), OURS);
    }
    assertThat(votes.predict()).contains(OURS);
  }

  @Test
  void aVoterCountsOnlyItsLatestStatement() {
    votes.addStatement(peer(1), OTHER);
    votes.addStatement(peer(2), OURS);
    votes.addStatement(peer(3), OURS);
    votes.addStatement(peer(1), OURS);
    assertThat(votes.predict()).contains(OURS);
  }

  @Test
  void statementsExpireAfterTheWindow() {
    votes.addStatement(peer(1), OURS);
    votes.addStatement(peer(2), OURS);
    clock.advance(Duration.ofMinutes(6));
    votes.addStatement(peer(3), OURS);
    assertThat(votes.predict()).isEmpty();
  }
}
