package org.jdevp2p.rlpx.eth;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.eth.ForkFilter;
import org.jdevp2p.eth.ForkId;
import org.jdevp2p.rlpx.CapabilityHandler;
import org.jdevp2p.rlpx.Disconnect;
import org.jdevp2p.rlpx.Disconnection;
import org.jdevp2p.rlpx.PeerConnection;
import org.jdevp2p.rlpx.RlpxTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The eth capability over loopback between two RlpxTransports: our handler on one side, and on the
 * other either our handler too or a scripted peer that sends chosen messages.
 */
class EthHandlerTest {
  /** How long a test waits for an event that should come at once over loopback. */
  private static final long WAIT_SECONDS = 10;

  /** After mainnet's BPO2 (1767747671): the current fork id is 07c9462e / 0. */
  private static final InstantSource NOW =
      InstantSource.fixed(Instant.ofEpochSecond(1_780_000_000L));

  private static final Bytes32 GENESIS = ChainConfig.MAINNET.genesisHash();
  private static final ChainlessNode MAINNET = new ChainlessNode(GenesisBlock.MAINNET);

  private final List<RlpxTransport> transports = new ArrayList<>();

  @AfterEach
  void close() {
    transports.forEach(RlpxTransport::close);
  }

  /** Collects deadlines so that a test can expire them. */
  private static final class ManualTimer implements EthHandler.Timer {
    final List<Runnable> tasks = new CopyOnWriteArrayList<>();

    @Override
    public Runnable schedule(Duration delay, Runnable task) {
      tasks.add(task);
      return () -> tasks.remove(task);
    }

    void expireAll() {
      tasks.forEach(Runnable::run);
    }
  }

  private static final class Events implements EthHandler.Listener, RlpxTransport.Listener {
    final BlockingQueue<Status> received = new LinkedBlockingQueue<>();
    final BlockingQueue<EthVersion> accepted = new LinkedBlockingQueue<>();
    final BlockingQueue<StatusError> rejected = new LinkedBlockingQueue<>();
    final BlockingQueue<Disconnection> disconnected = new LinkedBlockingQueue<>();

    @Override
    public void statusReceived(PeerConnection peer, EthVersion version, Status status) {
      received.add(status);
    }

    @Override
    public void statusAccepted(PeerConnection peer, EthVersion version, Status status) {
      accepted.add(version);
    }

    @Override
    public void statusRejected(PeerConnection peer, StatusValidator.Rejection rejection) {
      rejected.add(rejection.error());
    }

    @Override
    public void disconnected(PeerConnection peer, Disconnection disconnection) {
      disconnected.add(disconnection);
    }
  }

  /** A peer that speaks eth/72 only and sends the given messages as soon as it connects. */
  private static final class ScriptedPeer implements CapabilityHandler {
    final List<EthMessage> script;
    final BlockingQueue<EthMessage> received = new LinkedBlockingQueue<>();

    ScriptedPeer(EthMessage... script) {
      this.script = List.of(script);
    }

    @Override
    public void onConnect(PeerConnection peer) {
      for (EthMessage m : script) peer.send(EthVersion.ETH72.capability(), m.code(), m.encode());
    }

    @Override
    public void onMessage(PeerConnection peer, int code, Bytes payload) {
      received.add(EthCodec.decode(EthVersion.ETH72, code, payload));
    }
  }

  private final ManualTimer timer = new ManualTimer();
  private final Events ours = new Events();
  private final Events theirs = new Events();
  private final EthHandler ourHandler = handler(EnumSet.allOf(EthVersion.class), timer, ours);

  private RlpxTransport transport(
      RlpxTransport.Listener listener, Consumer<RlpxTransport.Builder> caps) {
    RlpxTransport.Builder b =
        RlpxTransport.builder(PrivateKey.random())
            .listenAddress(new InetSocketAddress("127.0.0.1", 0))
            .clientId("eth-test")
            .eventLoopThreads(1)
            .listener(listener);
    caps.accept(b);
    RlpxTransport t = b.build();
    transports.add(t);
    t.start();
    return t;
  }

  private static EthHandler handler(
      Set<EthVersion> offered, EthHandler.Timer timer, Events events) {
    return new EthHandler(
        MAINNET,
        new StatusValidator(ChainConfig.MAINNET, ForkFilter.synced(ChainConfig.MAINNET, NOW)),
        offered,
        timer,
        events);
  }

  /** Our handler offering eth/68..72 listens; {@code peer} dials it. */
  private RlpxTransport ourNode() {
    return transport(ours, ourHandler::registerWith);
  }

  private void dial(RlpxTransport from, RlpxTransport to) throws Exception {
    from.dial(to.publicKey(), to.listenAddress()).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private RlpxTransport scripted(ScriptedPeer peer) {
    return transport(theirs, b -> b.capability(EthVersion.ETH72.capability(), peer));
  }

  private static <T> T take(BlockingQueue<T> queue) throws InterruptedException {
    T event = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(event).as("event within %d s", WAIT_SECONDS).isNotNull();
    return event;
  }

  private void assertRejected(StatusError error, EthMessage... script) throws Exception {
    RlpxTransport node = ourNode();
    dial(scripted(new ScriptedPeer(script)), node);

    assertThat(take(ours.rejected)).isEqualTo(error);
    assertThat(take(theirs.disconnected))
        .isEqualTo(new Disconnection(error.reason(), Disconnection.Side.REMOTE));
  }

  private static Status69 status(int version, long network, Bytes32 genesis, ForkId forkId) {
    return new Status69(version, network, genesis, forkId, new BlockRange(0, 0, genesis));
  }

  @Test
  void exchangesStatusAtTheHighestSharedVersion() throws Exception {
    RlpxTransport node = ourNode();
    RlpxTransport peer =
        transport(
            theirs,
            handler(EnumSet.of(EthVersion.ETH69, EthVersion.ETH70, EthVersion.ETH71), timer, theirs)
                ::registerWith);

    dial(peer, node);

    assertThat(take(ours.accepted)).isEqualTo(EthVersion.ETH71);
    assertThat(take(theirs.accepted)).isEqualTo(EthVersion.ETH71);
    assertThat(node.peers()).singleElement().satisfies(p -> assertThat(p.isOpen()).isTrue());
  }

  @Test
  void answersARequestRightAfterTheStatus() throws Exception {
    ScriptedPeer script =
        new ScriptedPeer(
            MAINNET.status(EthVersion.ETH72),
            new GetBlockHeaders(7, new GetBlockHeaders.ByHash(GENESIS), 1, 0, false));
    dial(scripted(script), ourNode());

    assertThat(take(script.received)).isEqualTo(MAINNET.status(EthVersion.ETH72));
    assertThat(take(script.received))
        .isEqualTo(new BlockHeaders(7, List.of(GenesisBlock.MAINNET.header())));
  }

  @Test
  void dropsAPeerOnAnotherNetwork() throws Exception {
    assertRejected(
        StatusError.NETWORK_ID_MISMATCH,
        new ChainlessNode(GenesisBlock.SEPOLIA).status(EthVersion.ETH72));
  }

  @Test
  void reportsARefusedStatusAsReceivedBeforeTheVerdict() throws Exception {
    Status sepolia = new ChainlessNode(GenesisBlock.SEPOLIA).status(EthVersion.ETH72);
    dial(scripted(new ScriptedPeer(sepolia)), ourNode());

    assertThat(take(ours.received)).isEqualTo(sepolia);
    assertThat(take(ours.rejected)).isEqualTo(StatusError.NETWORK_ID_MISMATCH);
  }

  @Test
  void dropsAPeerWithAnotherGenesis() throws Exception {
    assertRejected(
        StatusError.GENESIS_MISMATCH,
        status(72, 1, Bytes32.fromHexStringLenient("01"), ChainConfig.MAINNET.forkId(0, 0)));
  }

  @Test
  void dropsAPeerWithAnIncompatibleForkId() throws Exception {
    assertRejected(
        StatusError.FORK_ID_REJECTED,
        status(72, 1, GENESIS, new ForkId(Bytes.fromHexString("deadbeef"), 0)));
  }

  @Test
  void dropsAPeerWithAStaleForkId() throws Exception {
    // Cancun's fork hash without Prague as next: a node that missed an upgrade.
    assertRejected(
        StatusError.FORK_ID_REJECTED,
        status(72, 1, GENESIS, new ForkId(Bytes.fromHexString("9f3d2254"), 0)));
  }

  @Test
  void dropsAPeerWhoseStatusNamesAnotherVersion() throws Exception {
    assertRejected(
        StatusError.PROTOCOL_VERSION_MISMATCH,
        status(69, 1, GENESIS, ChainConfig.MAINNET.forkId(0, 0)));
  }

  @Test
  void dropsAPeerWhoseFirstMessageIsNotStatus() throws Exception {
    assertRejected(StatusError.NO_STATUS_MSG, new Transactions(List.of()));
  }

  @Test
  void dropsAPeerWithAnEth68StatusOnAnEth72Link() throws Exception {
    assertRejected(
        StatusError.DECODE,
        new Status68(72, 1, BigInteger.ZERO, GENESIS, GENESIS, ChainConfig.MAINNET.forkId(0, 0)));
  }

  @Test
  void dropsASilentPeerWithReadTimeoutWhenTheDeadlinePasses() throws Exception {
    RlpxTransport node = ourNode();
    ScriptedPeer silent = new ScriptedPeer();
    dial(scripted(silent), node);
    take(silent.received); // our Status arrived: the deadline is running

    timer.expireAll();

    assertThat(take(ours.rejected)).isEqualTo(StatusError.TIMEOUT);
    assertThat(take(theirs.disconnected))
        .isEqualTo(new Disconnection(Disconnect.Reason.READ_TIMEOUT, Disconnection.Side.REMOTE));
  }

  @Test
  void keepsAPeerWhoseStatusCameBeforeTheDeadline() throws Exception {
    RlpxTransport node = ourNode();
    dial(scripted(new ScriptedPeer(MAINNET.status(EthVersion.ETH72))), node);
    take(ours.accepted);

    timer.expireAll();

    assertThat(ours.rejected).isEmpty();
    assertThat(node.peers()).singleElement().satisfies(p -> assertThat(p.isOpen()).isTrue());
  }

  @Test
  void dropsAPeerAnnouncingAnInvalidBlockRange() throws Exception {
    assertDroppedAfterStatus(new BlockRangeUpdate(new BlockRange(10, 9, GENESIS)));
  }

  @Test
  void exchangesTheEth68StatusWhenOnlyEth68IsShared() throws Exception {
    RlpxTransport node = ourNode();
    RlpxTransport peer =
        transport(theirs, handler(EnumSet.of(EthVersion.ETH68), timer, theirs)::registerWith);

    dial(peer, node);

    assertThat(take(ours.accepted)).isEqualTo(EthVersion.ETH68);
    assertThat(take(theirs.accepted)).isEqualTo(EthVersion.ETH68);
  }

  @Test
  void keepsServingAfterTransactionAnnouncements() throws Exception {
    ScriptedPeer script =
        new ScriptedPeer(
            MAINNET.status(EthVersion.ETH72),
            new NewPooledTransactionHashes72(
                Bytes.of(2), List.of(116L), List.of(Bytes32.ZERO), CellMask.NONE),
            new Transactions(List.of(Bytes.fromHexString("c0"))),
            new GetPooledTransactions(8, List.of(Bytes32.ZERO)));
    dial(scripted(script), ourNode());
    take(script.received); // our Status

    assertThat(take(script.received)).isEqualTo(new PooledTransactions(8, List.of()));
  }

  @Test
  void dropsAPeerThatSendsStatusTwice() throws Exception {
    assertDroppedAfterStatus(MAINNET.status(EthVersion.ETH72));
  }

  @Test
  void dropsAPeerThatAnswersARequestWeNeverSent() throws Exception {
    assertDroppedAfterStatus(new BlockHeaders(1, List.of()));
  }

  private void assertDroppedAfterStatus(EthMessage offence) throws Exception {
    dial(scripted(new ScriptedPeer(MAINNET.status(EthVersion.ETH72), offence)), ourNode());

    assertThat(take(ours.accepted)).isEqualTo(EthVersion.ETH72);
    assertThat(take(theirs.disconnected))
        .isEqualTo(
            new Disconnection(Disconnect.Reason.SUBPROTOCOL_ERROR, Disconnection.Side.REMOTE));
  }

  @Test
  void recordsTheRangeOfAValidBlockRangeUpdate() throws Exception {
    BlockRange moved = new BlockRange(0, 1, Bytes32.fromHexStringLenient("01"));
    ScriptedPeer script =
        new ScriptedPeer(
            MAINNET.status(EthVersion.ETH72),
            new BlockRangeUpdate(moved),
            new GetPooledTransactions(9, List.of()));
    RlpxTransport node = ourNode();
    dial(scripted(script), node);
    take(script.received); // our Status
    take(script.received); // the answer, sent after the update was read

    assertThat(ourHandler.blockRange(node.peers().iterator().next())).isEqualTo(moved);
  }

  @Test
  void executorTimerRunsTheTask() throws Exception {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    try {
      CountDownLatch ran = new CountDownLatch(1);

      EthHandler.Timer.of(executor).schedule(Duration.ZERO, ran::countDown);

      assertThat(ran.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void executorTimerCancelsTheTask() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    executor.setRemoveOnCancelPolicy(true);
    try {
      Runnable cancel = EthHandler.Timer.of(executor).schedule(Duration.ofHours(1), () -> {});

      cancel.run();

      assertThat(executor.getQueue()).isEmpty();
    } finally {
      executor.shutdownNow();
    }
  }
}
