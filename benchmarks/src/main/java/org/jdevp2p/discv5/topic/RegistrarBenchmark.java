package org.jdevp2p.discv5.topic;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.enr.NodeRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The registrar's cost per request with a full cache (issue 6: at most 30 µs each; the DISC-NG
 * prototype needed 58 µs for REGTOPIC and 66 µs for TOPICQUERY): {@code regTopic} brings back a
 * valid ticket and is told to wait again (ticket check, waiting time with its lower bounds, a new
 * ticket), {@code topicQuery} samples the ads of one of the topics in turn.
 *
 * <p>The cache holds {@code ads} of C = 1000 ads over 300 topics from addresses spread at random.
 * At 1000 the cache is full and REGTOPIC skips the waiting time (w = ∞); at 999 it computes it in
 * full. Registrations alone never fill a cache (the occupancy factor grows without bound), so the
 * ads are {@link Registrar#place placed}. In package {@code org.jdevp2p.discv5.topic} to reach that
 * package-private method; public only as JMH requires.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RegistrarBenchmark {
  /** C, the spec's default. */
  static final int CAPACITY = Registrar.DEFAULT_CAPACITY;

  /** Topics the ads are spread over, as in the DISC-NG simulations. */
  static final int TOPICS = 300;

  /** The UDP port of every record. */
  static final int PORT = 30303;

  @Param({"999", "1000"})
  public int ads;

  private Registrar registrar;
  private Bytes32[] topics;
  private int nextTopic;

  private NodeRecord registrant;
  private InetSocketAddress source;
  private Bytes ticket;

  /** A clock the setup moves and the measurement holds still, so that no ad expires. */
  private static final class SetClock implements InstantSource {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Setup
  public void fillTheCache() throws UnknownHostException {
    SplittableRandom random = new SplittableRandom(6);
    SetClock clock = new SetClock();
    registrar =
        new Registrar(
            CAPACITY,
            Registrar.DEFAULT_AD_LIFETIME,
            Registrar.DEFAULT_TICKET_WINDOW,
            clock,
            random.split(),
            new SecureRandom());
    topics = new Bytes32[TOPICS];
    for (int t = 0; t < TOPICS; t++) {
      topics[t] = Topic.of("t" + t).id();
    }

    // the registrant's first attempt, against an ad from its own address: it must wait
    InetAddress own = randomAddress(random);
    source = new InetSocketAddress(own, PORT);
    registrant = record(own);
    registrar.place(topics[0], record(own));
    Registrar.Outcome.Wait first =
        (Registrar.Outcome.Wait)
            registrar.register(registrant.nodeId(), source, topics[0], registrant, Bytes.EMPTY);
    ticket = first.ticket();

    // when the ticket is due (after E: topic share 1 and IP score 1 make w ≈ 2E), the first ad
    // is gone; the cache is filled and the clock stops, so the ticket stays good throughout
    clock.now = clock.now.plus(first.waitTime());
    if (registrar.adCount() != 0) {
      throw new IllegalStateException("the first ad should have expired");
    }
    for (int k = 0; k < ads; k++) {
      registrar.place(topics[k % TOPICS], record(randomAddress(random)));
    }
    if (!(regTopic() instanceof Registrar.Outcome.Wait)) {
      throw new IllegalStateException("REGTOPIC should be told to wait");
    }
  }

  private static InetAddress randomAddress(SplittableRandom random) throws UnknownHostException {
    byte[] ip = new byte[4];
    random.nextBytes(ip);
    return InetAddress.getByAddress(ip);
  }

  private static NodeRecord record(InetAddress ip) {
    return NodeRecord.builder().seq(1).ip(ip).udp(PORT).sign(PrivateKey.random());
  }

  @Benchmark
  public Registrar.Outcome regTopic() {
    return registrar.register(registrant.nodeId(), source, topics[0], registrant, ticket);
  }

  @Benchmark
  public List<NodeRecord> topicQuery() {
    nextTopic = (nextTopic + 1) % TOPICS;
    return registrar.query(topics[nextTopic]);
  }
}
