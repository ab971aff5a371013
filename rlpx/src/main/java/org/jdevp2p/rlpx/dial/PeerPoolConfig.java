package org.jdevp2p.rlpx.dial;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import org.jdevp2p.node.Enode;

/**
 * Settings of a {@link PeerPool}; {@link #builder()} documents each default (geth's {@code
 * p2p.Config} and {@code p2p/dial.go} constants).
 *
 * @param maxPeers connected peers at most, inbound and dialled together (geth MaxPeers)
 * @param dialRatio a share of 1/dialRatio of {@code maxPeers} is for peers we dial, the rest for
 *     inbound ones (geth DialRatio)
 * @param maxActiveDials dials in flight at once (geth maxActiveDialTasks)
 * @param dialHistoryExpiration how long a node is not dialled again after a dial attempt or a
 *     failed eth handshake (geth dialHistoryExpiration)
 * @param inboundThrottleTime how long after an inbound connection from an IP the next one from it
 *     is refused (geth inboundThrottleTime)
 * @param throttleLanAddresses whether the throttle also covers loopback and private addresses; geth
 *     exempts them ({@code netutil.IsLAN}), a test may not
 * @param staticPeers nodes redialled whenever they are not connected and not in the dial history;
 *     they take free dial slots before any candidate (geth's static dial pool)
 * @param clock the clock of the dial history and the throttle
 */
public record PeerPoolConfig(
    int maxPeers,
    int dialRatio,
    int maxActiveDials,
    Duration dialHistoryExpiration,
    Duration inboundThrottleTime,
    boolean throttleLanAddresses,
    List<Enode> staticPeers,
    InstantSource clock) {

  /** geth's default MaxPeers for a full node (cmd/utils --maxpeers). */
  public static final int DEFAULT_MAX_PEERS = 50;

  /**
   * geth defaultDialRatio: a third of the slots for peers we dial. Most slots stay open to inbound
   * peers, so that new nodes, which can only dial, find room in the network.
   */
  public static final int DEFAULT_DIAL_RATIO = 3;

  /**
   * geth maxActiveDialTasks: 16 dials in flight bound the sockets and handshakes a node opens at
   * once while it still fills its dial share quickly.
   */
  public static final int DEFAULT_MAX_ACTIVE_DIALS = 16;

  /**
   * geth dialHistoryExpiration (inboundThrottleTime + 5 s): a node we just dialled, or whose eth
   * handshake just failed, is not dialled again before this, so a failing node cannot keep a dial
   * slot busy and two nodes dialling each other do not loop.
   */
  public static final Duration DEFAULT_DIAL_HISTORY_EXPIRATION = Duration.ofSeconds(35);

  /**
   * geth inboundThrottleTime: one inbound connection per IP in this window, which stops a single
   * host from filling our inbound slots with reconnects. Shorter than the dial history, so that our
   * own redial of a node is never throttled by the node that threw us out.
   */
  public static final Duration DEFAULT_INBOUND_THROTTLE_TIME = Duration.ofSeconds(30);

  public PeerPoolConfig {
    if (maxPeers < 0) throw new IllegalArgumentException("maxPeers must be >= 0: " + maxPeers);
    if (dialRatio < 1) throw new IllegalArgumentException("dialRatio must be >= 1: " + dialRatio);
    if (maxActiveDials < 1) {
      throw new IllegalArgumentException("maxActiveDials must be >= 1: " + maxActiveDials);
    }
    Objects.requireNonNull(dialHistoryExpiration, "dialHistoryExpiration");
    Objects.requireNonNull(inboundThrottleTime, "inboundThrottleTime");
    staticPeers = List.copyOf(staticPeers);
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * Peers we may dial: maxPeers / dialRatio, at least 1 when maxPeers is not 0 (geth {@code
   * maxDialedConns}). Static peers count here too.
   */
  public int maxDialedPeers() {
    if (maxPeers == 0) return 0;
    return Math.max(1, maxPeers / dialRatio);
  }

  /** Peers that may dial us: what the dial share leaves (geth {@code maxInboundConns}). */
  public int maxInboundPeers() {
    return maxPeers - maxDialedPeers();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a config; each setter names its default. */
  public static final class Builder {
    private int maxPeers = DEFAULT_MAX_PEERS;
    private int dialRatio = DEFAULT_DIAL_RATIO;
    private int maxActiveDials = DEFAULT_MAX_ACTIVE_DIALS;
    private Duration dialHistoryExpiration = DEFAULT_DIAL_HISTORY_EXPIRATION;
    private Duration inboundThrottleTime = DEFAULT_INBOUND_THROTTLE_TIME;
    private boolean throttleLanAddresses = false;
    private List<Enode> staticPeers = List.of();
    private InstantSource clock = InstantSource.system();

    private Builder() {}

    /** Default {@value #DEFAULT_MAX_PEERS}. */
    public Builder maxPeers(int maxPeers) {
      this.maxPeers = maxPeers;
      return this;
    }

    /** Default {@value #DEFAULT_DIAL_RATIO}: a third of the peers dialled. */
    public Builder dialRatio(int dialRatio) {
      this.dialRatio = dialRatio;
      return this;
    }

    /** Default {@value #DEFAULT_MAX_ACTIVE_DIALS}. */
    public Builder maxActiveDials(int maxActiveDials) {
      this.maxActiveDials = maxActiveDials;
      return this;
    }

    /** Default 35 s. */
    public Builder dialHistoryExpiration(Duration expiration) {
      this.dialHistoryExpiration = expiration;
      return this;
    }

    /** Default 30 s. */
    public Builder inboundThrottleTime(Duration throttleTime) {
      this.inboundThrottleTime = throttleTime;
      return this;
    }

    /** Default false: loopback and private addresses are not throttled, as in geth. */
    public Builder throttleLanAddresses(boolean throttle) {
      this.throttleLanAddresses = throttle;
      return this;
    }

    /** Default none. */
    public Builder staticPeers(List<Enode> peers) {
      this.staticPeers = peers;
      return this;
    }

    /** Default the system clock. */
    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    public PeerPoolConfig build() {
      return new PeerPoolConfig(
          maxPeers,
          dialRatio,
          maxActiveDials,
          dialHistoryExpiration,
          inboundThrottleTime,
          throttleLanAddresses,
          staticPeers,
          clock);
    }
  }
}
