package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.eth.ChainConfig;
import org.jdevp2p.eth.ForkFilter;
import org.jdevp2p.node.Enode;
import org.jdevp2p.rlpx.RlpxTransport;
import org.jdevp2p.rlpx.eth.ChainlessNode;
import org.jdevp2p.rlpx.eth.EthHandler;
import org.jdevp2p.rlpx.eth.EthVersion;
import org.jdevp2p.rlpx.eth.GenesisBlock;
import org.jdevp2p.rlpx.eth.StatusValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code devp2p rlpx status} against our own eth node (mainnet, no chain) over loopback. */
class RlpxStatusCommandTest {
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : opened.reversed()) c.close();
    timer.shutdownNow();
  }

  private String start(RlpxTransport.Builder builder) {
    RlpxTransport t =
        builder.listenAddress(new InetSocketAddress("127.0.0.1", 0)).eventLoopThreads(1).build();
    opened.add(t);
    t.start();
    InetSocketAddress a = t.listenAddress();
    return new Enode(t.publicKey(), a.getAddress(), a.getPort(), a.getPort()).toString();
  }

  /** A node without a chain on mainnet, as `devp2p node` runs it. */
  private String mainnetNode() {
    EthHandler eth =
        new EthHandler(
            new ChainlessNode(GenesisBlock.MAINNET),
            new StatusValidator(
                ChainConfig.MAINNET,
                ForkFilter.synced(ChainConfig.MAINNET, InstantSource.system())),
            EnumSet.allOf(EthVersion.class),
            EthHandler.Timer.of(timer),
            new EthHandler.Listener() {});
    return start(eth.registerWith(RlpxTransport.builder(PrivateKey.random()).clientId("target/1")));
  }

  @Test
  void printsTheHelloAndEveryStatusFieldOfAValidNode() {
    Run run = Run.of("rlpx", "status", mainnetNode(), "--network", "mainnet");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String genesis = ChainConfig.MAINNET.genesisHash().toHexString();
    assertThat(run.out())
        .contains("client id:  target/1")
        .contains("shared:     eth/72")
        .contains("eth:        eth/72")
        .contains("network id: 1")
        .contains("genesis:    " + genesis)
        .contains("fork id:    " + ChainConfig.MAINNET.forkId(0, 0))
        .contains("blocks:     0..0")
        .contains("head:       " + genesis)
        .contains("validates:  yes, against mainnet");
  }

  @Test
  void aNodeOfAnotherNetworkIsShownAndFailsWithTheRuleItBreaks() {
    Run run = Run.of("rlpx", "status", mainnetNode(), "--network", "sepolia");

    assertThat(run.exitCode()).isEqualTo(Failures.FAILED);
    assertThat(run.out())
        .contains("network id: 1")
        .contains("validates:  no, against sepolia: NETWORK_ID_MISMATCH");
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .contains("does not validate against sepolia")
        .contains("network id 1 != 11155111");
  }

  @Test
  void jsonCarriesTheHelloTheStatusFieldsAndTheVerdict() throws Exception {
    Run run = Run.of("rlpx", "status", mainnetNode(), "--network", "sepolia", "--json");

    assertThat(run.exitCode()).isEqualTo(Failures.FAILED);
    JsonNode j = new ObjectMapper().readTree(run.out());
    assertThat(j.get("clientId").asText()).isEqualTo("target/1");
    assertThat(j.get("shared").toString()).isEqualTo("[\"eth/72\"]");
    assertThat(j.at("/status/version").asInt()).isEqualTo(72);
    assertThat(j.at("/status/networkId").asLong()).isEqualTo(1);
    assertThat(j.at("/status/forkHash").asText()).isEqualTo("0xfc64ec04");
    assertThat(j.at("/status/forkNext").asLong()).isEqualTo(1_150_000);
    assertThat(j.at("/status/latest").asLong()).isZero();
    assertThat(j.get("validates").asBoolean()).isFalse();
    assertThat(j.get("error").asText()).isEqualTo("NETWORK_ID_MISMATCH");
  }

  @Test
  void aNodeThatSendsNoStatusFailsAtTheTimeout() {
    String silent =
        start(
            RlpxTransport.builder(PrivateKey.random())
                .capability(EthVersion.ETH68.capability(), (peer, code, payload) -> {}));

    Run run = Run.of("rlpx", "status", silent, "--timeout", "3s");

    assertThat(run.exitCode()).isEqualTo(Failures.FAILED);
    assertThat(run.out()).as(run.err()).contains("shared:     eth/68").doesNotContain("validates:");
    assertThat(run.err()).contains("no eth Status within 3000 ms");
  }

  @Test
  void aChainFileWithAnotherNetworkIdJudgesTheStatusByIt() {
    String devnet = ChainFileTest.devnetFile().toString();

    Run run = Run.of("rlpx", "status", mainnetNode(), "--network", devnet);

    assertThat(run.exitCode()).isEqualTo(Failures.FAILED);
    assertThat(run.out()).contains("validates:  no, against devnet: NETWORK_ID_MISMATCH");
    assertThat(run.err()).contains("network id 1 != 1337");
  }

  @Test
  void anUnknownNetworkIsRefusedBeforeDialling() {
    Run run = Run.of("rlpx", "status", mainnetNode(), "--network", "holesky");

    assertThat(run.exitCode()).isEqualTo(Failures.FAILED);
    assertThat(run.err()).contains("--network: holesky is not mainnet, sepolia or a chain file");
  }
}
