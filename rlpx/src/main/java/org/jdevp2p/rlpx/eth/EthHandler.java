package org.jdevp2p.rlpx.eth;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.rlpx.Capability;
import org.jdevp2p.rlpx.CapabilityHandler;
import org.jdevp2p.rlpx.Disconnection;
import org.jdevp2p.rlpx.PeerConnection;
import org.jdevp2p.rlpx.RlpxTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The eth capability of a node without a chain, for every offered version (eth/68 to eth/72 by
 * default; the transport negotiates the highest version both sides offer). Per peer: send our
 * Status at once, require the peer's Status first and within {@link #STATUS_TIMEOUT}, validate it
 * with geth's rules ({@link StatusValidator}) and disconnect with geth's reason when it fails; then
 * answer every request at once ({@link ChainlessNode}), validate BlockRangeUpdate, ignore
 * transaction traffic. Anything geth would drop a peer for (a second Status, block announcements, a
 * response to a request we never sent, an undecodable message) ends the connection with
 * "subprotocol error".
 */
public final class EthHandler implements CapabilityHandler {
  private static final Logger LOG = LoggerFactory.getLogger(EthHandler.class);

  /** geth {@code handshakeTimeout}: the Status exchange must finish within 5 s. */
  public static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);

  /** Runs the Status deadline; a seam so that tests expire it without waiting. */
  @FunctionalInterface
  public interface Timer {
    /** Runs {@code task} after {@code delay}; the returned action cancels it. */
    Runnable schedule(Duration delay, Runnable task);

    static Timer of(ScheduledExecutorService executor) {
      return (delay, task) -> {
        var future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
      };
    }
  }

  /** Told how each peer's Status exchange ended. Called on the peer's thread or the timer's. */
  public interface Listener {
    /**
     * The peer's Status, decoded and about to be validated: {@link #statusAccepted} or {@link
     * #statusRejected} follows. For tools that show a Status whatever the verdict.
     */
    default void statusReceived(PeerConnection peer, EthVersion version, Status status) {}

    /** The peer's Status passed every check; the peer is kept. */
    default void statusAccepted(PeerConnection peer, EthVersion version, Status status) {}

    /** The peer failed the exchange and is being disconnected with {@code error.reason()}. */
    default void statusRejected(PeerConnection peer, StatusValidator.Rejection rejection) {}
  }

  private enum Phase {
    AWAITING_STATUS,
    READY,
    CLOSED
  }

  private static final class PeerState {
    final EthVersion version;
    final Capability capability;
    final AtomicReference<Phase> phase = new AtomicReference<>(Phase.AWAITING_STATUS);
    volatile Runnable cancelDeadline = () -> {};
    volatile BlockRange range;

    PeerState(EthVersion version, Capability capability) {
      this.version = version;
      this.capability = capability;
    }
  }

  private final ChainlessNode node;
  private final StatusValidator validator;
  private final Set<EthVersion> offered;
  private final Timer timer;
  private final Listener listener;
  private final Map<PeerConnection, PeerState> peers = new ConcurrentHashMap<>();

  /**
   * @param offered the eth versions to offer in Hello; at least one
   */
  public EthHandler(
      ChainlessNode node,
      StatusValidator validator,
      Set<EthVersion> offered,
      Timer timer,
      Listener listener) {
    this.node = Objects.requireNonNull(node, "node");
    this.validator = Objects.requireNonNull(validator, "validator");
    if (offered.isEmpty()) throw new IllegalArgumentException("offer at least one eth version");
    this.offered = EnumSet.copyOf(offered);
    this.timer = Objects.requireNonNull(timer, "timer");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** The capabilities to offer, one per version. */
  public List<Capability> capabilities() {
    return offered.stream().map(EthVersion::capability).toList();
  }

  /** Registers this handler for every offered version. */
  public RlpxTransport.Builder registerWith(RlpxTransport.Builder transport) {
    capabilities().forEach(c -> transport.capability(c, this));
    return transport;
  }

  /** The block range the peer last announced (Status or BlockRangeUpdate), null before eth/69. */
  public BlockRange blockRange(PeerConnection peer) {
    PeerState state = peers.get(peer);
    return state == null ? null : state.range;
  }

  @Override
  public void onConnect(PeerConnection peer) {
    Capability capability =
        peer.capabilities().stream()
            .filter(c -> c.name().equals(EthVersion.NAME))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("eth is not shared with " + peer));
    EthVersion version = EthVersion.of(capability.version());
    PeerState state = new PeerState(version, capability);
    peers.put(peer, state);
    state.cancelDeadline =
        timer.schedule(
            STATUS_TIMEOUT,
            () ->
                reject(
                    peer,
                    state,
                    new StatusValidator.Rejection(
                        StatusError.TIMEOUT,
                        "no Status within " + STATUS_TIMEOUT.toSeconds() + " s")));
    peer.send(capability, Status.CODE, node.status(version).encode());
  }

  @Override
  public void onMessage(PeerConnection peer, int code, Bytes payload) {
    PeerState state = peers.get(peer);
    if (state == null) return; // disconnected meanwhile
    switch (state.phase.get()) {
      case AWAITING_STATUS -> readStatus(peer, state, code, payload);
      case READY -> serve(peer, state, EthCodec.decode(state.version, code, payload));
      case CLOSED -> {}
    }
  }

  @Override
  public void onDisconnect(PeerConnection peer, Disconnection disconnection) {
    PeerState state = peers.remove(peer);
    if (state == null) return;
    state.phase.set(Phase.CLOSED);
    state.cancelDeadline.run();
  }

  private void readStatus(PeerConnection peer, PeerState state, int code, Bytes payload) {
    if (code != Status.CODE) {
      reject(
          peer,
          state,
          new StatusValidator.Rejection(
              StatusError.NO_STATUS_MSG,
              "first eth message has code 0x" + Integer.toHexString(code)));
      return;
    }
    Status status;
    try {
      status = (Status) EthCodec.decode(state.version, code, payload);
    } catch (InvalidEthMessageException e) {
      reject(peer, state, new StatusValidator.Rejection(StatusError.DECODE, e.getMessage()));
      return;
    }
    listener.statusReceived(peer, state.version, status);
    var rejection = validator.validate(state.version, status);
    if (rejection.isPresent()) {
      reject(peer, state, rejection.get());
      return;
    }
    if (!state.phase.compareAndSet(Phase.AWAITING_STATUS, Phase.READY)) return; // timed out
    state.cancelDeadline.run();
    if (status instanceof Status69 s) state.range = s.blockRange();
    LOG.debug("{} {} Status accepted: {}", peer.remoteId(), state.version, status);
    listener.statusAccepted(peer, state.version, status);
  }

  private void reject(PeerConnection peer, PeerState state, StatusValidator.Rejection rejection) {
    if (!state.phase.compareAndSet(Phase.AWAITING_STATUS, Phase.CLOSED)) return;
    state.cancelDeadline.run();
    LOG.debug("{} {} Status rejected: {}", peer.remoteId(), state.version, rejection);
    listener.statusRejected(peer, rejection);
    peer.disconnect(rejection.error().reason());
  }

  /** After the handshake. Throwing ends the connection with "subprotocol error" (geth's 0x10). */
  private void serve(PeerConnection peer, PeerState state, EthMessage message) {
    switch (message) {
      case EthMessage.Request request -> {
        EthMessage answer = node.answer(state.version, request);
        peer.send(state.capability, answer.code(), EthCodec.encode(state.version, answer));
      }
      case BlockRangeUpdate update -> {
        // geth and reth disconnect on an invalid range (eth69plus.md §4.1).
        if (!update.range().isValid()) {
          throw new InvalidEthMessageException("invalid BlockRangeUpdate " + update.range());
        }
        state.range = update.range();
      }
      case Transactions ignored -> {} // we keep no pool: read and drop (eth69plus.md §8.2)
      case NewPooledTransactionHashes ignored -> {}
      case NewPooledTransactionHashes72 ignored -> {}
      case Status ignored -> throw new InvalidEthMessageException("Status sent twice");
      // geth v1.17.0 on eth/68: "block announcements/broadcasts disallowed" since the Merge.
      case NewBlockHashes ignored -> throw new InvalidEthMessageException("block announcement");
      case NewBlock ignored -> throw new InvalidEthMessageException("block broadcast");
      // We never send requests, so every response is unsolicited (geth p2p/tracker drops these).
      case BlockHeaders r -> throw unsolicited(r);
      case BlockBodies r -> throw unsolicited(r);
      case PooledTransactions r -> throw unsolicited(r);
      case Receipts r -> throw unsolicited(r);
      case Receipts70 r -> throw unsolicited(r);
      case BlockAccessLists r -> throw unsolicited(r);
      case Cells r -> throw unsolicited(r);
    }
  }

  private static InvalidEthMessageException unsolicited(EthMessage response) {
    return new InvalidEthMessageException(
        "unsolicited " + response.getClass().getSimpleName() + ": we sent no request");
  }
}
