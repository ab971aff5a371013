package org.jdevp2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.eth.ForkFilter;
import org.jdevp2p.eth.ForkId;
import org.jdevp2p.node.Enode;
import org.jdevp2p.rlpx.Disconnect;
import org.jdevp2p.rlpx.Disconnection;
import org.jdevp2p.rlpx.PeerConnection;
import org.jdevp2p.rlpx.RlpxTransport;
import org.jdevp2p.rlpx.eth.ChainlessNode;
import org.jdevp2p.rlpx.eth.EthHandler;
import org.jdevp2p.rlpx.eth.EthVersion;
import org.jdevp2p.rlpx.eth.GenesisBlock;
import org.jdevp2p.rlpx.eth.Status;
import org.jdevp2p.rlpx.eth.Status68;
import org.jdevp2p.rlpx.eth.StatusError;
import org.jdevp2p.rlpx.eth.StatusValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Our eth capability (a node without a chain on mainnet, offering eth/68 to eth/72) against
 *
 * @ethereumjs/devp2p 10.0.0's ETH protocol (eth/62 to eth/68, so the link runs eth/68) over
 *     loopback, in both directions. The ethereumjs peer claims mainnet's current fork (bpo2): it
 *     announces the current fork id, which our filter accepts as "same state", and it accepts our
 *     genesis fork id (fc64ec04, next 1150000) because its fork table finds chainstart and
 *     Homestead is chainstart's next fork. Both Status messages are printed, ours by this test and
 *     theirs by the script; every disconnect is printed with its reason and side.
 */
class EthStatusEthereumJsTest {

  /**
   * How long a link must survive after Status: past ethereumjs's 5 s Status deadline and its first
   * ping (its PING_INTERVAL is 15 s, as is ours), so both keep-alives have run once.
   */
  private static final Duration STAYS_UP = Duration.ofSeconds(16);

  /**
   * The ethereumjs peer sends its Status this late when it must not judge ours first: ethereumjs
   * judges when both are in, so a late Status leaves the verdict, and the Disconnect, to us. A
   * loopback Status arrives in milliseconds; 1 s is far inside both sides' 5 s deadline.
   */
  private static final String LATE_STATUS_MS = "1000";

  private static final String MAINNET_GENESIS =
      ChainConfig.MAINNET.genesisHash().toUnprefixedHexString();

  private final List<AutoCloseable> opened = new ArrayList<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final BlockingQueue<Status> accepted = new LinkedBlockingQueue<>();
  private final BlockingQueue<StatusValidator.Rejection> rejected = new LinkedBlockingQueue<>();
  private final ConnectionLog log = new ConnectionLog();
  private final ChainlessNode node = new ChainlessNode(GenesisBlock.MAINNET);

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : opened.reversed()) c.close();
    timer.shutdownNow();
  }

  /** Our node: the chainless eth handler for mainnet, judging fork ids by today's fork state. */
  private RlpxTransport ours(InetSocketAddress listen) {
    EthHandler eth =
        new EthHandler(
            node,
            new StatusValidator(
                ChainConfig.MAINNET,
                ForkFilter.synced(ChainConfig.MAINNET, InstantSource.system())),
            EnumSet.allOf(EthVersion.class),
            EthHandler.Timer.of(timer),
            new EthHandler.Listener() {
              @Override
              public void statusAccepted(PeerConnection peer, EthVersion version, Status status) {
                System.out.println("[jdevp2p] " + peer + " " + version + " accepted: " + status);
                accepted.add(status);
              }

              @Override
              public void statusRejected(PeerConnection peer, StatusValidator.Rejection rejection) {
                System.out.println("[jdevp2p] " + peer + " rejected: " + rejection);
                rejected.add(rejection);
              }
            });
    RlpxTransport transport =
        eth.registerWith(
                RlpxTransport.builder(PrivateKey.random())
                    .listenAddress(listen)
                    .clientId("jdevp2p-interop")
                    .eventLoopThreads(1))
            .listener(log)
            .build();
    opened.add(transport);
    transport.start();
    return transport;
  }

  private EthereumJsPeer track(EthereumJsPeer peer) {
    opened.add(peer);
    return peer;
  }

  private static Enode enodeOf(RlpxTransport transport) {
    InetSocketAddress a = transport.listenAddress();
    return new Enode(transport.publicKey(), a.getAddress(), a.getPort(), a.getPort());
  }

  /** Their Status as the script prints it, as our record, to compare with what we decoded. */
  private static ForkId forkIdOf(JsonNode status) {
    return new ForkId(
        Bytes.fromHexString(status.get("forkHash").asText()),
        Long.parseUnsignedLong(status.get("forkNext").asText()));
  }

  /**
   * Both sides accepted the other's Status: each saw exactly what the other sent (ours: the genesis
   * Status of a chainless node; theirs: ethereumjs at mainnet's current fork).
   */
  private void assertStatusExchanged(EthereumJsPeer them) throws InterruptedException {
    // ethereumjs judges our Status when both are in: its "status" may come before "status-sent".
    Map<String, JsonNode> events = them.awaitAll("status-sent", "status");
    JsonNode theirs = events.get("status-sent").get("status");
    JsonNode oursSeenByThem = events.get("status").get("status");
    Status theirsSeenByUs = ConnectionLog.next(accepted, "Status accepted by us");

    Status68 ours = (Status68) node.status(EthVersion.ETH68);
    System.out.println("[jdevp2p] sent: " + ours);
    assertThat(oursSeenByThem.get("version").asInt()).isEqualTo(68);
    assertThat(oursSeenByThem.get("networkId").asText()).isEqualTo("1");
    assertThat(oursSeenByThem.get("genesis").asText()).isEqualTo(MAINNET_GENESIS);
    assertThat(oursSeenByThem.get("bestHash").asText()).isEqualTo(MAINNET_GENESIS);
    assertThat(forkIdOf(oursSeenByThem)).isEqualTo(ours.forkId());

    assertThat(theirsSeenByUs)
        .isEqualTo(
            new Status68(
                68,
                1,
                BigInteger.ZERO,
                ChainConfig.MAINNET.genesisHash(),
                ChainConfig.MAINNET.genesisHash(),
                forkIdOf(theirs)));
  }

  /** Nothing ends the link for {@link #STAYS_UP}, and it still carries a Ping afterwards. */
  private void assertStaysUp(PeerConnection peer) throws Exception {
    Disconnection early = log.disconnected.poll(STAYS_UP.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(early).as("disconnect within %s of Status", STAYS_UP).isNull();
    assertThat(peer.ping().get(EthereumJsPeer.EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
        .isPositive();
    assertThat(rejected).isEmpty();
  }

  @Test
  void weDialThemBothAcceptTheStatusAndTheLinkStaysUp() throws Exception {
    EthereumJsPeer server = track(EthereumJsPeer.server("--status"));
    RlpxTransport transport = ours(null);
    Enode theirs = Enode.parse(server.await("listening").get("enode").asText());

    PeerConnection peer =
        transport.dial(theirs).get(EthereumJsPeer.EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

    assertThat(peer.capabilities()).containsExactly(EthVersion.ETH68.capability());
    assertStatusExchanged(server);
    assertStaysUp(peer);
  }

  @Test
  void theyDialUsBothAcceptTheStatusAndTheLinkStaysUp() throws Exception {
    RlpxTransport transport = ours(new InetSocketAddress("127.0.0.1", 0));

    EthereumJsPeer client = track(EthereumJsPeer.client(enodeOf(transport).toString(), "--status"));
    PeerConnection peer = ConnectionLog.next(log.connected, "connection from ethereumjs");

    assertThat(peer.inbound()).isTrue();
    assertStatusExchanged(client);
    assertStaysUp(peer);
  }

  @Test
  void aStatusForAnotherNetworkIsRefusedWithSubprotocolError() throws Exception {
    RlpxTransport transport = ours(new InetSocketAddress("127.0.0.1", 0));

    EthereumJsPeer client =
        track(
            EthereumJsPeer.client(
                enodeOf(transport).toString(),
                "--status",
                "--network",
                "sepolia",
                "--status-delay",
                LATE_STATUS_MS));

    assertThat(ConnectionLog.next(rejected, "our verdict on a sepolia Status").error())
        .isEqualTo(StatusError.NETWORK_ID_MISMATCH);
    assertThat(ConnectionLog.next(log.disconnected, "the disconnect"))
        .isEqualTo(
            new Disconnection(Disconnect.Reason.SUBPROTOCOL_ERROR, Disconnection.Side.LOCAL));
    JsonNode removed = client.await("peer-removed");
    assertThat(removed.get("reasonName").asText()).isEqualTo("SUBPROTOCOL_ERROR");
    assertThat(removed.get("by").asText()).isEqualTo("them");
  }
}
