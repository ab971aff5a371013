package org.jdevp2p.discv5;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.discv5.topic.AdvertiserConfig;
import org.jdevp2p.discv5.topic.RegistrarConfig;
import org.jdevp2p.enr.NodeRecord;

/**
 * Everything a {@link Discovery} node needs, with defaults that follow geth where it has a
 * constant. Build one with {@link #builder(PrivateKey)}.
 *
 * @param key our node key (identity)
 * @param bind4 the IPv4 socket to listen on, or empty for no IPv4
 * @param bind6 the IPv6 socket to listen on, or empty for no IPv6
 * @param enrIp4 the IPv4 address our record starts with (replaced once peers vote for another);
 *     empty: the bind address unless it is the wildcard
 * @param enrIp6 the same for IPv6
 * @param pinEndpoint4 our record's IPv4 endpoint stays {@code enrIp4} and the bound port: PONG
 *     votes for another are ignored (geth's {@code SetStaticIP}, set by {@code --nat extip})
 * @param pinEndpoint6 the same for IPv6
 * @param netRestrict the networks we talk to: packets from elsewhere are dropped unread and records
 *     elsewhere never enter the table or lookup results ({@link Netlist#ANY}: no restriction)
 * @param initialSeq the sequence number of our first record (a daemon passes its last one + 1)
 * @param bootnodes nodes contacted at start to join the network
 * @param requestTimeout how long a request waits for (each packet of) its response
 * @param handshakeTimeout how long a WHOAREYOU challenge we sent stays valid
 * @param sessionCacheSize sessions kept, least recently used evicted
 * @param perIpBurst unsolicited packets (needing a WHOAREYOU) accepted at once from one IP
 * @param perIpPerSecond sustained unsolicited packets per second from one IP
 * @param globalBurst unsolicited packets accepted at once from all IPs together
 * @param globalPerSecond sustained unsolicited packets per second from all IPs together
 * @param revalidationInterval how often one table member is PINGed to check it is alive
 * @param refreshInterval the longest time between two refreshes of the table (a self lookup and
 *     three random ones); each comes after between half this and all of it, as in geth
 * @param addressVoteMinStatements peers that must agree on our external endpoint before our record
 *     changes
 * @param topics topic discovery (topics.md): our record carries {@code topic-discovery = 1}, we
 *     serve REGTOPIC and TOPICQUERY as a registrar, and topics can be advertised and searched; off,
 *     topic requests are ignored like unknown messages
 * @param publishNg our record also carries {@code ng = 1}, the key discv5-theory.md names (only
 *     with {@code topics}; topics.md §3)
 * @param registrar the topic registrar's cache size, ad lifetime, ticket window and
 *     self-registration rule
 * @param advertiser the topic advertiser's registrations per bucket (K_register)
 * @param pollSpin how long the event loop keeps polling its sockets before it sleeps (0: never)
 * @param clock the time source for every timeout, expiry and rate
 */
public record DiscoveryConfig(
    PrivateKey key,
    Optional<InetSocketAddress> bind4,
    Optional<InetSocketAddress> bind6,
    Optional<Inet4Address> enrIp4,
    Optional<Inet6Address> enrIp6,
    boolean pinEndpoint4,
    boolean pinEndpoint6,
    Netlist netRestrict,
    long initialSeq,
    List<NodeRecord> bootnodes,
    Duration requestTimeout,
    Duration handshakeTimeout,
    int sessionCacheSize,
    int perIpBurst,
    int perIpPerSecond,
    int globalBurst,
    int globalPerSecond,
    Duration revalidationInterval,
    Duration refreshInterval,
    int addressVoteMinStatements,
    boolean topics,
    boolean publishNg,
    RegistrarConfig registrar,
    AdvertiserConfig advertiser,
    Duration pollSpin,
    InstantSource clock) {

  /** geth's {@code V5RespTimeout} default: 700 ms per response packet. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMillis(700);

  /** geth's {@code v5wire.handshakeTimeout}: a challenge lives 1 s (the spec recommends 1 s). */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);

  /** geth's session cache: {@code NewSessionCache(1024, ...)}. */
  public static final int DEFAULT_SESSION_CACHE_SIZE = 1024;

  /**
   * Unsolicited packets per IP: a burst of 200 and 100 a second. Honest peers need one WHOAREYOU
   * per session (sessions last), so even a local network of a hundred nodes behind 127.0.0.1
   * starting at once stays within the burst; a flood from one address does not.
   */
  public static final int DEFAULT_PER_IP_BURST = 200;

  /** See {@link #DEFAULT_PER_IP_BURST}. */
  public static final int DEFAULT_PER_IP_PER_SECOND = 100;

  /**
   * Unsolicited packets from everyone: 2,000 at once, 1,000 a second. Each costs us a WHOAREYOU
   * and, if answered, an ECDH and a signature check (~0.3 ms here): this caps handshake work well
   * below one core.
   */
  public static final int DEFAULT_GLOBAL_BURST = 2_000;

  /** See {@link #DEFAULT_GLOBAL_BURST}. */
  public static final int DEFAULT_GLOBAL_PER_SECOND = 1_000;

  /** geth's {@code PingInterval} for revalidation: 3 s. */
  public static final Duration DEFAULT_REVALIDATION_INTERVAL = Duration.ofSeconds(3);

  /** geth's {@code RefreshInterval}: the table is refreshed every 15 to 30 minutes. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(30);

  /**
   * The event loop polls its sockets this long before it sleeps in epoll_wait. An answer on
   * loopback or a LAN comes back within tens of microseconds, about what waking a sleeping thread
   * costs on a virtual machine: one PING at a time on one session went from 13,000 to 36,000-45,000
   * round trips/s here (docs/benchmarks-discv5.md). The price is at most this much CPU per loop
   * wake-up that finds nothing more to do: with the 20 ticks a second of an idle node, 0.1 % of a
   * core.
   */
  public static final Duration DEFAULT_POLL_SPIN = Duration.ofNanos(50_000);

  public DiscoveryConfig {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(netRestrict, "netRestrict");
    Objects.requireNonNull(registrar, "registrar");
    Objects.requireNonNull(advertiser, "advertiser");
    if (pollSpin.isNegative()) {
      throw new IllegalArgumentException("pollSpin must not be negative: " + pollSpin);
    }
    if (pinEndpoint4 && enrIp4.isEmpty()) throw new IllegalArgumentException("pin needs enrIp4");
    if (pinEndpoint6 && enrIp6.isEmpty()) throw new IllegalArgumentException("pin needs enrIp6");
    bootnodes = List.copyOf(bootnodes);
    if (bind4.isEmpty() && bind6.isEmpty()) {
      throw new IllegalArgumentException("bind at least one of an IPv4 and an IPv6 address");
    }
    bind4.ifPresent(a -> requireFamily(a, Inet4Address.class, "bind4"));
    bind6.ifPresent(a -> requireFamily(a, Inet6Address.class, "bind6"));
    if (initialSeq < 1) throw new IllegalArgumentException("initialSeq must be >= 1");
    if (sessionCacheSize < 1) throw new IllegalArgumentException("sessionCacheSize must be >= 1");
    if (addressVoteMinStatements < 1) {
      throw new IllegalArgumentException("addressVoteMinStatements must be >= 1");
    }
    for (Duration d :
        List.of(requestTimeout, handshakeTimeout, revalidationInterval, refreshInterval)) {
      if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("durations must be > 0");
    }
  }

  private static void requireFamily(InetSocketAddress a, Class<?> family, String name) {
    if (!family.isInstance(a.getAddress())) {
      throw new IllegalArgumentException(name + " must be an " + family.getSimpleName() + ": " + a);
    }
  }

  /** A builder with every default set; only the key is required. */
  public static Builder builder(PrivateKey key) {
    return new Builder(key);
  }

  /** Builds a {@link DiscoveryConfig}; every setter documents its default. */
  public static final class Builder {
    private final PrivateKey key;
    private InetSocketAddress bind4 = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private InetSocketAddress bind6;
    private Inet4Address enrIp4;
    private Inet6Address enrIp6;
    private boolean pinEndpoint4;
    private boolean pinEndpoint6;
    private Netlist netRestrict = Netlist.ANY;
    private long initialSeq = 1;
    private final List<NodeRecord> bootnodes = new ArrayList<>();
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    private int sessionCacheSize = DEFAULT_SESSION_CACHE_SIZE;
    private int perIpBurst = DEFAULT_PER_IP_BURST;
    private int perIpPerSecond = DEFAULT_PER_IP_PER_SECOND;
    private int globalBurst = DEFAULT_GLOBAL_BURST;
    private int globalPerSecond = DEFAULT_GLOBAL_PER_SECOND;
    private Duration revalidationInterval = DEFAULT_REVALIDATION_INTERVAL;
    private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
    private int addressVoteMinStatements = AddressVotes.DEFAULT_MIN_STATEMENTS;
    private boolean topics = true;
    private boolean publishNg;
    private RegistrarConfig registrar = RegistrarConfig.DEFAULT;
    private AdvertiserConfig advertiser = AdvertiserConfig.DEFAULT;
    private Duration pollSpin = DEFAULT_POLL_SPIN;
    private InstantSource clock = InstantSource.system();

    private Builder(PrivateKey key) {
      this.key = Objects.requireNonNull(key, "key");
    }

    /** IPv4 socket; default 127.0.0.1 on a free port. {@code null}: no IPv4. */
    public Builder bind4(InetSocketAddress address) {
      this.bind4 = address;
      return this;
    }

    /** IPv6 socket; default none. */
    public Builder bind6(InetSocketAddress address) {
      this.bind6 = address;
      return this;
    }

    /** Our record's first IPv4 address; default the bind address unless it is the wildcard. */
    public Builder enrIp4(Inet4Address address) {
      this.enrIp4 = address;
      return this;
    }

    /** Our record's first IPv6 address; default the bind address unless it is the wildcard. */
    public Builder enrIp6(Inet6Address address) {
      this.enrIp6 = address;
      return this;
    }

    /** Keeps our record's IPv4 endpoint at {@link #enrIp4} whatever peers vote; default off. */
    public Builder pinEndpoint4(boolean pin) {
      this.pinEndpoint4 = pin;
      return this;
    }

    /** Keeps our record's IPv6 endpoint at {@link #enrIp6} whatever peers vote; default off. */
    public Builder pinEndpoint6(boolean pin) {
      this.pinEndpoint6 = pin;
      return this;
    }

    /** The only networks we talk to; default {@link Netlist#ANY}. */
    public Builder netRestrict(Netlist networks) {
      this.netRestrict = networks;
      return this;
    }

    /** Sequence number of our first record; default 1. */
    public Builder initialSeq(long seq) {
      this.initialSeq = seq;
      return this;
    }

    /** Adds nodes to contact at start; default none. */
    public Builder bootnodes(List<NodeRecord> nodes) {
      bootnodes.addAll(nodes);
      return this;
    }

    /** Default {@link #DEFAULT_REQUEST_TIMEOUT}. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** Default {@link #DEFAULT_HANDSHAKE_TIMEOUT}. */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = timeout;
      return this;
    }

    /** Default {@link #DEFAULT_SESSION_CACHE_SIZE}. */
    public Builder sessionCacheSize(int size) {
      this.sessionCacheSize = size;
      return this;
    }

    /** Per-IP limit of unsolicited packets; defaults {@link #DEFAULT_PER_IP_BURST}, 100/s. */
    public Builder perIpLimit(int burst, int perSecond) {
      this.perIpBurst = burst;
      this.perIpPerSecond = perSecond;
      return this;
    }

    /** Global limit of unsolicited packets; defaults {@link #DEFAULT_GLOBAL_BURST}, 1,000/s. */
    public Builder globalLimit(int burst, int perSecond) {
      this.globalBurst = burst;
      this.globalPerSecond = perSecond;
      return this;
    }

    /** Default {@link #DEFAULT_REVALIDATION_INTERVAL}. */
    public Builder revalidationInterval(Duration interval) {
      this.revalidationInterval = interval;
      return this;
    }

    /** Default {@link #DEFAULT_REFRESH_INTERVAL}. */
    public Builder refreshInterval(Duration interval) {
      this.refreshInterval = interval;
      return this;
    }

    /** Default 10, geth's {@code iptrackMinStatements}. */
    public Builder addressVoteMinStatements(int n) {
      this.addressVoteMinStatements = n;
      return this;
    }

    /** Topic discovery on or off; default on. */
    public Builder topics(boolean enabled) {
      this.topics = enabled;
      return this;
    }

    /** Also publish {@code ng = 1} in our record; default off. */
    public Builder publishNg(boolean publish) {
      this.publishNg = publish;
      return this;
    }

    /**
     * Default {@link RegistrarConfig#DEFAULT}: C = 1000, E = 15 min, δ = 10 s, self-registration.
     */
    public Builder registrar(RegistrarConfig config) {
      this.registrar = config;
      return this;
    }

    /** Default {@link AdvertiserConfig#DEFAULT}: K_register = 5. */
    public Builder advertiser(AdvertiserConfig config) {
      this.advertiser = config;
      return this;
    }

    /** Default {@link #DEFAULT_POLL_SPIN}; zero sleeps at once (least CPU, more latency). */
    public Builder pollSpin(Duration spin) {
      this.pollSpin = spin;
      return this;
    }

    /** Default the system clock. */
    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    public DiscoveryConfig build() {
      return new DiscoveryConfig(
          key,
          Optional.ofNullable(bind4),
          Optional.ofNullable(bind6),
          Optional.ofNullable(enrIp4),
          Optional.ofNullable(enrIp6),
          pinEndpoint4,
          pinEndpoint6,
          netRestrict,
          initialSeq,
          bootnodes,
          requestTimeout,
          handshakeTimeout,
          sessionCacheSize,
          perIpBurst,
          perIpPerSecond,
          globalBurst,
          globalPerSecond,
          revalidationInterval,
          refreshInterval,
          addressVoteMinStatements,
          topics,
          publishNg,
          registrar,
          advertiser,
          pollSpin,
          clock);
    }
  }
}
