package org.jdevp2p.rlpx.dial;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.node.Enode;
import org.jdevp2p.node.NodeId;
import org.jdevp2p.node.NodeSource;
import org.jdevp2p.rlpx.Disconnect;
import org.jdevp2p.rlpx.Disconnection;
import org.jdevp2p.rlpx.PeerConnection;
import org.jdevp2p.rlpx.PeerDisconnectedException;
import org.jdevp2p.rlpx.RlpxTransport;
import org.jdevp2p.rlpx.eth.EthHandler;
import org.jdevp2p.rlpx.eth.EthVersion;
import org.jdevp2p.rlpx.eth.Status;
import org.jdevp2p.rlpx.eth.StatusValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an RLPx node connected to eth peers (geth {@code p2p/server.go} and {@code p2p/dial.go}):
 * dials candidates taken from a {@link NodeSource} and the static peers, admits inbound peers, and
 * keeps a peer only once its eth Status is accepted.
 *
 * <ul>
 *   <li>At most {@link PeerPoolConfig#maxPeers()} connected peers; of these at most {@link
 *       PeerPoolConfig#maxInboundPeers()} inbound. Dials stop once the dialled peers fill {@link
 *       PeerPoolConfig#maxDialedPeers()} (geth's DialRatio). A peer over a limit gets Disconnect
 *       "too many peers" right after Hello.
 *   <li>One connection per node id, whichever side dialled: the second gets "already connected",
 *       unless both nodes dialled each other at once (then both keep the one the smaller id
 *       dialled).
 *   <li>Every dial, and every failed eth handshake, puts the node in the dial history: it is not
 *       dialled again before {@link PeerPoolConfig#dialHistoryExpiration()} passes.
 *   <li>Static peers are dialled whenever they are not connected and not in the history, so their
 *       backoff is the history's expiry.
 *   <li>An inbound connection from an IP that connected within {@link
 *       PeerPoolConfig#inboundThrottleTime()} is closed before its handshake.
 *   <li>A peer whose Hello shares no eth version gets "useless peer"; one whose Status fails is
 *       disconnected by {@link EthHandler}. Either way its slot is freed when the connection ends.
 * </ul>
 *
 * <p>Wiring: {@link #ethListener()} goes to the {@link EthHandler}, {@link #registerWith} to the
 * transport's builder; {@link #start} once the transport runs.
 *
 * <p>Threads: one dialing thread takes candidates and starts dials (a dial's I/O then runs on the
 * transport's event loop: no thread per candidate). Connection events arrive on the transport's
 * event loops. The pool's state is guarded by its lock; {@link Listener}s are called outside it.
 */
public final class PeerPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeerPool.class);

  /**
   * How long the dialing thread waits for a candidate, or for a free slot, before it looks at the
   * static peers and the clock again: the longest a due static redial waits once the history lets
   * it go.
   */
  static final Duration LOOP_WAKE = Duration.ofMillis(100);

  /** The dial failure reason of a TCP connect that failed (refused, unreachable, timed out). */
  public static final String CONNECT_FAILED = "connect";

  /** Told when a peer is kept and when a kept peer goes; called on a transport event loop. */
  public interface Listener {
    default void peerAdded(PeerInfo peer) {}

    default void peerRemoved(PeerInfo peer, Disconnection disconnection) {}
  }

  /** A connected peer: its slot, and what it became once its Status was accepted. */
  private static final class Slot {
    final PeerConnection connection;
    final boolean isStatic;
    PeerInfo kept; // null until the eth Status is accepted
    String failure; // why we refused its Status, if we did

    Slot(PeerConnection connection, boolean isStatic) {
      this.connection = connection;
      this.isStatic = isStatic;
    }
  }

  private final PeerPoolConfig config;
  private final NodeSource candidates;
  private final Listener listener;
  private final Map<NodeId, Enode> statics = new LinkedHashMap<>();

  // guarded by this
  private final Map<NodeId, Slot> peers = new HashMap<>();
  private final Set<NodeId> dialing = new HashSet<>();
  private final ExpiringSet<NodeId> history;
  private final ExpiringSet<InetAddress> inboundHistory;
  private final Map<String, Long> dialFailures = new HashMap<>();
  private long dialsAttempted;
  private long dialsSucceeded;
  private long inboundRefused;
  private int inboundCount;
  private int keptCount;
  private RlpxTransport transport;
  private NodeId self;
  private Thread dialer;
  private boolean closed;

  /**
   * A pool that dials the candidates of {@code candidates} (it takes the source over: closing the
   * pool closes it) and tells {@code listener} of kept peers.
   */
  public PeerPool(PeerPoolConfig config, NodeSource candidates, Listener listener) {
    this.config = Objects.requireNonNull(config, "config");
    this.candidates = Objects.requireNonNull(candidates, "candidates");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.history = new ExpiringSet<>(config.clock());
    this.inboundHistory = new ExpiringSet<>(config.clock());
    config.staticPeers().forEach(e -> statics.put(e.nodeId(), e));
  }

  /** Sets the pool's transport listener and inbound filter on the builder. */
  public RlpxTransport.Builder registerWith(RlpxTransport.Builder transport) {
    return transport.listener(new TransportEvents()).inboundFilter(this::admitInbound);
  }

  /** The listener to give the {@link EthHandler}: it tells the pool which peers to keep. */
  public EthHandler.Listener ethListener() {
    return new EthEvents();
  }

  /**
   * Starts dialing through the transport, which must be running and built with {@link
   * #registerWith}.
   */
  public synchronized void start(RlpxTransport transport) {
    if (this.transport != null) throw new IllegalStateException("already started");
    if (closed) throw new IllegalStateException("closed");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.self = NodeId.of(transport.publicKey());
    dialer = Thread.ofPlatform().name("peer-pool-dialer").daemon().unstarted(this::dialLoop);
    dialer.start();
  }

  /** The peers kept now. */
  public synchronized List<PeerInfo> peers() {
    return peers.values().stream().map(s -> s.kept).filter(Objects::nonNull).toList();
  }

  public synchronized PoolMetrics metrics() {
    return new PoolMetrics(
        dialsAttempted,
        dialsSucceeded,
        dialFailures,
        inboundRefused,
        inboundCount,
        peers.size() - inboundCount,
        keptCount);
  }

  /**
   * Stops dialing and closes the candidate source. Connected peers stay: closing the transport
   * disconnects them.
   */
  @Override
  public void close() {
    Thread thread;
    synchronized (this) {
      if (closed) return;
      closed = true;
      thread = dialer;
      notifyAll();
    }
    candidates.close();
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---------------------------------------------------------------- dialing

  private void dialLoop() {
    try {
      while (true) {
        List<Target> due;
        synchronized (this) {
          if (closed) return;
          due = dueStatics();
        }
        due.forEach(this::dial);
        if (!hasFreeDialSlot()) {
          synchronized (this) {
            if (closed) return;
            wait(LOOP_WAKE.toMillis());
          }
          continue;
        }
        Optional<NodeRecord> candidate = candidates.next(LOOP_WAKE);
        if (candidate.isPresent()) target(candidate.get()).ifPresent(this::dial);
        else if (candidates.isClosed()) waitForStatics();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("peer pool dialer failed", e);
    }
  }

  /** A source that ended leaves only static peers to dial: wait for them without spinning. */
  private synchronized void waitForStatics() throws InterruptedException {
    if (!closed) wait(LOOP_WAKE.toMillis());
  }

  private record Target(NodeId id, PublicKey key, InetSocketAddress address) {}

  /**
   * Dial slots: twice the unfilled dial share, because many dials fail, bounded by the dials in
   * flight (geth {@code dialScheduler.freeDialSlots}).
   */
  private synchronized int freeDialSlots() {
    int dialedPeers = peers.size() - inboundCount;
    int slots = Math.min((config.maxDialedPeers() - dialedPeers) * 2, config.maxActiveDials());
    return slots - dialing.size();
  }

  private synchronized boolean hasFreeDialSlot() {
    return freeDialSlots() > 0;
  }

  /** Static peers that may be dialled now, marked as dialing; the lock is held. */
  private List<Target> dueStatics() {
    List<Target> due = new ArrayList<>();
    int free = freeDialSlots();
    for (Enode e : statics.values()) {
      if (due.size() >= free) break;
      NodeId id = e.nodeId();
      if (peers.containsKey(id) || dialing.contains(id) || history.contains(id)) continue;
      Target t = new Target(id, e.publicKey(), new InetSocketAddress(e.ip(), e.tcpPort()));
      markDialing(t);
      due.add(t);
    }
    return due;
  }

  /** The candidate as a dial target, marked as dialing, unless it must not be dialled now. */
  private synchronized Optional<Target> target(NodeRecord record) {
    NodeId id = record.nodeId();
    if (closed || id.equals(self) || statics.containsKey(id)) return Optional.empty();
    if (peers.containsKey(id) || dialing.contains(id) || history.contains(id)) {
      return Optional.empty();
    }
    if (freeDialSlots() <= 0) return Optional.empty();
    Optional<InetSocketAddress> address = record.tcpEndpoint4().or(record::tcpEndpoint6);
    if (address.isEmpty()) return Optional.empty();
    Target t = new Target(id, record.publicKey(), address.get());
    markDialing(t);
    return Optional.of(t);
  }

  private void markDialing(Target t) {
    dialing.add(t.id());
    // geth adds to the history when the dial starts, so success and failure both hold it off
    history.add(t.id(), now().plus(config.dialHistoryExpiration()));
    dialsAttempted++;
  }

  private void dial(Target t) {
    LOG.debug("dialling {} at {}", t.id(), t.address());
    try {
      transport
          .dial(t.key(), t.address())
          .whenComplete(
              (peer, failure) -> {
                if (failure != null) dialFailed(t.id(), failure);
              });
    } catch (IllegalStateException e) {
      dialFailed(t.id(), e); // the transport closed meanwhile
    }
  }

  private synchronized void dialFailed(NodeId id, Throwable failure) {
    dialing.remove(id);
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    String reason =
        cause instanceof PeerDisconnectedException pde
            ? pde.disconnection().reason().description()
            : CONNECT_FAILED;
    dialFailures.merge(reason, 1L, Long::sum);
    LOG.debug("dial of {} failed: {}", id, cause.toString());
    notifyAll();
  }

  // ---------------------------------------------------------------- admission

  /** geth {@code checkInboundConn}: one inbound connection per IP per throttle window. */
  private synchronized boolean admitInbound(InetSocketAddress remote) {
    if (closed) return false;
    InetAddress ip = remote.getAddress();
    if (!config.throttleLanAddresses() && isLan(ip)) return true;
    if (inboundHistory.contains(ip)) {
      inboundRefused++;
      return false;
    }
    inboundHistory.add(ip, now().plus(config.inboundThrottleTime()));
    return true;
  }

  /** geth {@code netutil.IsLAN}: loopback, private and link-local IPv4, fc00::/7 and fe80::/10. */
  private static boolean isLan(InetAddress ip) {
    if (ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress()) return true;
    return ip instanceof Inet6Address && (ip.getAddress()[0] & 0xfe) == 0xfc;
  }

  /**
   * What admission decided: refuse the new peer, or take it, dropping the connection it replaces
   * ({@code replaced}), which may have been kept already ({@code unkept}).
   */
  private record Admission(Disconnect.Reason refused, PeerConnection replaced, PeerInfo unkept) {}

  private static Admission refuse(Disconnect.Reason reason) {
    return new Admission(reason, null, null);
  }

  /**
   * geth {@code postHandshakeChecks}, after Hello: whether the peer gets a slot. Two nodes that
   * dial each other at once end up with two connections, and each side keeping the one it saw first
   * could leave them with none; so both keep the connection dialled by the node with the smaller
   * id, replacing the other even when it was kept already (its Status may come before the Hello of
   * the preferred one).
   */
  private synchronized Admission admit(PeerConnection peer) {
    NodeId id = peer.remoteId();
    if (!peer.inbound()) dialing.remove(id);
    Admission admission = decide(peer, id);
    if (admission.refused() != null) {
      if (!peer.inbound()) dialFailures.merge(admission.refused().description(), 1L, Long::sum);
      if (admission.refused() == Disconnect.Reason.USELESS_PEER) {
        history.add(id, now().plus(config.dialHistoryExpiration()));
      }
      notifyAll();
      return admission;
    }
    PeerInfo unkept = null;
    if (admission.replaced() != null) {
      Slot old = peers.remove(id);
      if (old.connection.inbound()) inboundCount--;
      if (old.kept != null) {
        keptCount--;
        unkept = old.kept;
      } else if (!old.connection.inbound()) {
        dialFailures.merge(Disconnect.Reason.ALREADY_CONNECTED.description(), 1L, Long::sum);
      }
    }
    peers.put(id, new Slot(peer, statics.containsKey(id)));
    if (peer.inbound()) inboundCount++;
    return new Admission(null, admission.replaced(), unkept);
  }

  /** The checks of {@link #admit}, in geth's order; the lock is held. */
  private Admission decide(PeerConnection peer, NodeId id) {
    if (peer.capabilities().stream().noneMatch(c -> c.name().equals(EthVersion.NAME))) {
      return refuse(Disconnect.Reason.USELESS_PEER);
    }
    if (closed) return refuse(Disconnect.Reason.QUITTING);
    Slot existing = peers.get(id);
    if (existing != null) {
      return preferred(peer) && !preferred(existing.connection)
          ? new Admission(null, existing.connection, null)
          : refuse(Disconnect.Reason.ALREADY_CONNECTED);
    }
    if (peer.inbound() && inboundCount >= config.maxInboundPeers()) {
      return refuse(Disconnect.Reason.TOO_MANY_PEERS);
    }
    if (peers.size() >= config.maxPeers()) return refuse(Disconnect.Reason.TOO_MANY_PEERS);
    return new Admission(null, null, null);
  }

  /** Whether the connection was dialled by the smaller of the two node ids. */
  private boolean preferred(PeerConnection connection) {
    int order = self.compareTo(connection.remoteId());
    return connection.inbound() ? order > 0 : order < 0;
  }

  private synchronized PeerInfo keep(PeerConnection peer, EthVersion version) {
    Slot slot = peers.get(peer.remoteId());
    if (slot == null || slot.connection != peer || slot.kept != null) return null;
    slot.kept =
        new PeerInfo(
            peer.remoteId(),
            peer.hello().clientId(),
            version,
            peer.remoteAddress(),
            peer.inbound(),
            slot.isStatic);
    keptCount++;
    if (!peer.inbound()) dialsSucceeded++;
    return slot.kept;
  }

  private synchronized void statusFailed(PeerConnection peer, StatusValidator.Rejection rejection) {
    Slot slot = peers.get(peer.remoteId());
    if (slot != null && slot.connection == peer) slot.failure = "status: " + rejection.error();
  }

  /** Frees the peer's slot; returns what it was kept as, or null. */
  private synchronized PeerInfo release(PeerConnection peer, Disconnection disconnection) {
    Slot slot = peers.get(peer.remoteId());
    if (slot == null || slot.connection != peer) return null; // refused at admission
    peers.remove(peer.remoteId());
    if (peer.inbound()) inboundCount--;
    if (slot.kept != null) {
      keptCount--;
    } else {
      // The eth handshake failed, on our side or theirs: remember the node (geth holds only the
      // nodes it dialled, at dial time; an inbound node on another chain should wait as long).
      history.add(peer.remoteId(), now().plus(config.dialHistoryExpiration()));
      if (!peer.inbound()) {
        String reason = slot.failure != null ? slot.failure : disconnection.reason().description();
        dialFailures.merge(reason, 1L, Long::sum);
      }
    }
    notifyAll();
    return slot.kept;
  }

  /** Calls the user's listener; its failure must not end the connection it hears about. */
  private static void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("peer pool listener failed", e);
    }
  }

  private Instant now() {
    return config.clock().instant();
  }

  private final class TransportEvents implements RlpxTransport.Listener {
    @Override
    public void connected(PeerConnection peer) {
      Admission admission = admit(peer);
      if (admission.refused() != null) {
        LOG.debug("refusing {}: {}", peer.remoteId(), admission.refused());
        peer.disconnect(admission.refused());
      }
      if (admission.replaced() != null) {
        admission.replaced().disconnect(Disconnect.Reason.ALREADY_CONNECTED);
      }
      if (admission.unkept() != null) {
        Disconnection replaced =
            new Disconnection(Disconnect.Reason.ALREADY_CONNECTED, Disconnection.Side.LOCAL);
        tell(() -> listener.peerRemoved(admission.unkept(), replaced));
      }
    }

    @Override
    public void disconnected(PeerConnection peer, Disconnection disconnection) {
      PeerInfo removed = release(peer, disconnection);
      if (removed != null) tell(() -> listener.peerRemoved(removed, disconnection));
    }
  }

  private final class EthEvents implements EthHandler.Listener {
    @Override
    public void statusAccepted(PeerConnection peer, EthVersion version, Status status) {
      PeerInfo added = keep(peer, version);
      if (added != null) tell(() -> listener.peerAdded(added));
    }

    @Override
    public void statusRejected(PeerConnection peer, StatusValidator.Rejection rejection) {
      statusFailed(peer, rejection);
    }
  }
}
