package org.jdevp2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdevp2p.rlpx.P2pFixture.ETH68;
import static org.jdevp2p.rlpx.P2pFixture.SNAP1;

import io.netty.buffer.ByteBufUtil;
import java.time.Duration;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.crypto.PrivateKey;
import org.jdevp2p.rlpx.Disconnect.Reason;
import org.jdevp2p.rlpx.Disconnection.Side;
import org.jdevp2p.rlpx.P2pFixture.Sent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class P2pHandlerTest {
  private P2pFixture f = new P2pFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private void assertDisconnectedLocally(Reason reason) {
    assertThat(f.nextMessage()).isEqualTo(new Disconnect(reason));
    assertThat(f.channel.isOpen()).isFalse();
    assertThat(f.closed).isEqualTo(new Disconnection(reason, Side.LOCAL));
  }

  @Test
  void helloIsSentFirstWithOurKeyVersionAndCapabilities() {
    Hello ours = (Hello) f.nextMessage();
    assertThat(ours.protocolVersion()).isEqualTo(5);
    assertThat(ours.nodeKey()).isEqualTo(f.localKey.publicKey());
    assertThat(ours.capabilities()).containsExactly(ETH68.cap());
    assertThat(f.nextFrame()).isNull();
  }

  @Test
  void helloExchangeConnectsThePeerWithTheSharedCapabilities() {
    f.exchangeHellos();
    assertThat(f.connected).hasSize(1);
    assertThat(f.peer().capabilities()).containsExactly(ETH68);
    assertThat(f.peer().remoteKey()).isEqualTo(f.remoteKey.publicKey());
    assertThat(f.peer().hello().capabilities()).containsExactly(ETH68.cap(), SNAP1.cap());
    assertThat(f.eth.connects).containsExactly(f.peer());
  }

  @Test
  void afterHelloExchangeWithVersion5MessagesAreSnappyCompressed() {
    f.exchangeHellos();
    f.receive(new Ping());
    MessageFrame pong = f.nextFrame();
    assertThat(Bytes.wrap(ByteBufUtil.getBytes(pong.payload())))
        .isEqualTo(Bytes.fromHexString("0100c0"));
    pong.payload().release();
  }

  @Test
  void peerWithVersion4GetsUncompressedMessages() {
    f.nextMessage();
    f.receiveHello(f.remoteHello(4, f.remoteKey.publicKey(), ETH68));
    f.receive(new Ping());
    Sent pong = f.next();
    assertThat(pong).isEqualTo(new Sent(Pong.CODE, Bytes.fromHexString("c0")));
  }

  @Test
  void pingIsAnsweredWithPong() {
    f.exchangeHellos();
    f.receive(new Ping());
    assertThat(f.nextMessage()).isEqualTo(new Pong());
  }

  @Test
  void helloWithAnotherKeyThanTheHandshakeIsAnUnexpectedIdentity() {
    f.nextMessage();
    f.receiveHello(f.remoteHello(5, PrivateKey.random().publicKey(), ETH68));
    assertDisconnectedLocally(Reason.UNEXPECTED_IDENTITY);
    assertThat(f.failures).containsExactly(FailureReason.UNEXPECTED_IDENTITY);
    assertThat(f.connected).isEmpty();
  }

  @Test
  void helloWithOurOwnKeyIsAConnectionToSelf() {
    f.close();
    PrivateKey same = PrivateKey.random();
    f = new P2pFixture(same, same, Long.MAX_VALUE);
    f.nextMessage();
    f.receiveHello(f.remoteHello(5, same.publicKey(), ETH68));
    assertDisconnectedLocally(Reason.SELF);
    assertThat(f.failures).containsExactly(FailureReason.SELF);
  }

  @Test
  void noSharedCapabilityIsAUselessPeer() {
    f.nextMessage();
    f.receiveHello(f.remoteHello(5, f.remoteKey.publicKey(), SNAP1));
    assertDisconnectedLocally(Reason.USELESS_PEER);
    assertThat(f.failures).containsExactly(FailureReason.USELESS_PEER);
    assertThat(f.connected).isEmpty();
    assertThat(f.closedPeer).isNull();
  }

  @Test
  void secondHelloIsAProtocolBreach() {
    f.exchangeHellos();
    f.receive(f.remoteHello(5, f.remoteKey.publicKey(), ETH68));
    assertDisconnectedLocally(Reason.PROTOCOL_ERROR);
    assertThat(f.failures).containsExactly(FailureReason.SECOND_HELLO);
  }

  @Test
  void messageBeforeHelloIsAProtocolBreach() {
    f.nextMessage();
    f.receive(new Ping());
    assertDisconnectedLocally(Reason.PROTOCOL_ERROR);
    assertThat(f.failures).containsExactly(FailureReason.MESSAGE_BEFORE_HELLO);
  }

  @Test
  void helloOver2KiBIsRefusedUndecoded() {
    f.nextMessage();
    f.receiveRaw(Hello.CODE, Bytes.wrap(new byte[Hello.MAX_SIZE + 1]));
    assertDisconnectedLocally(Reason.PROTOCOL_ERROR);
    assertThat(f.failures).containsExactly(FailureReason.HELLO_TOO_LARGE);
  }

  @Test
  void malformedHelloIsAProtocolBreach() {
    f.nextMessage();
    f.receiveRaw(Hello.CODE, Bytes.fromHexString("c3808080"));
    assertDisconnectedLocally(Reason.PROTOCOL_ERROR);
    assertThat(f.failures).containsExactly(FailureReason.BAD_MESSAGE);
  }

  @Test
  void disconnectInsteadOfHelloEndsTheConnectionWithTheRemoteReason() {
    f.nextMessage();
    f.receive(new Disconnect(Reason.TOO_MANY_PEERS));
    assertThat(f.channel.isOpen()).isFalse();
    assertThat(f.closed).isEqualTo(new Disconnection(Reason.TOO_MANY_PEERS, Side.REMOTE));
    assertThat(f.failures).isEmpty();
    assertThat(f.nextFrame()).isNull();
  }

  @Test
  void remoteDisconnectAfterHelloReachesListenerAndHandlers() {
    f.exchangeHellos();
    f.receive(new Disconnect(Reason.QUITTING));
    Disconnection expected = new Disconnection(Reason.QUITTING, Side.REMOTE);
    assertThat(f.closed).isEqualTo(expected);
    assertThat(f.closedPeer).isSameAs(f.peer());
    assertThat(f.eth.disconnects).containsExactly(expected);
  }

  @Test
  void uncompressedBareDisconnectAfterSnappyIsUnderstood() {
    f.exchangeHellos();
    f.receiveRaw(Disconnect.CODE, Bytes.fromHexString("04"));
    assertThat(f.closed).isEqualTo(new Disconnection(Reason.TOO_MANY_PEERS, Side.REMOTE));
  }

  @Test
  void localDisconnectSendsTheReasonAndReportsTheLocalSide() {
    f.exchangeHellos();
    f.peer().disconnect(Reason.TOO_MANY_PEERS);
    f.channel.runPendingTasks();
    assertDisconnectedLocally(Reason.TOO_MANY_PEERS);
    assertThat(f.failures).isEmpty();
    assertThat(f.eth.disconnects).containsExactly(f.closed);
  }

  @Test
  void peerClosingWithoutDisconnectIsANetworkError() {
    f.exchangeHellos();
    f.channel.close();
    assertThat(f.closed).isEqualTo(new Disconnection(Reason.NETWORK_ERROR, Side.REMOTE));
  }

  @Test
  void connectedPeerIsPingedEveryPingInterval() {
    f.exchangeHellos();
    f.advance(P2pHandler.PING_INTERVAL.minusMillis(1));
    assertThat(f.nextFrame()).isNull();
    f.advance(Duration.ofMillis(1));
    assertThat(f.nextMessage()).isEqualTo(new Ping());
  }

  @Test
  void silentPeerIsDisconnectedAtTheReadDeadline() {
    f.exchangeHellos();
    f.advance(P2pHandler.READ_TIMEOUT);
    assertThat(f.nextMessage()).isEqualTo(new Ping()); // at 15 s; the deadline at 30 s comes first
    assertDisconnectedLocally(Reason.READ_TIMEOUT);
    assertThat(f.failures).containsExactly(FailureReason.READ_TIMEOUT);
  }

  @Test
  void peerThatAnswersPingsStaysConnected() {
    f.exchangeHellos();
    f.advance(P2pHandler.PING_INTERVAL);
    f.receive(new Pong());
    f.advance(P2pHandler.READ_TIMEOUT.minus(P2pHandler.PING_INTERVAL).plusSeconds(1));
    assertThat(f.channel.isOpen()).isTrue();
  }

  @Test
  void peerThatSendsNoHelloIsDroppedAtTheHelloDeadline() {
    f.nextMessage();
    f.advance(P2pHandler.HELLO_TIMEOUT);
    assertDisconnectedLocally(Reason.READ_TIMEOUT);
    assertThat(f.failures).containsExactly(FailureReason.HELLO_TIMEOUT);
  }

  @Test
  void capabilityMessageReachesItsHandlerWithRelativeCode() {
    f.exchangeHellos();
    f.receive(0x13, Bytes.fromHexString("c28080"));
    assertThat(f.eth.messages).containsExactly(new Sent(3, Bytes.fromHexString("c28080")));
  }

  @Test
  void sendUsesTheCapabilityOffset() {
    f.exchangeHellos();
    f.peer().send(ETH68, 3, Bytes.fromHexString("c28080"));
    assertThat(f.next()).isEqualTo(new Sent(0x13, Bytes.fromHexString("c28080")));
  }

  @Test
  void messageIdOutsideEveryCapabilityIsAProtocolBreach() {
    f.exchangeHellos();
    f.receive(0x10 + ETH68.messageCount(), Bytes.fromHexString("c0"));
    assertDisconnectedLocally(Reason.PROTOCOL_ERROR);
    assertThat(f.failures).containsExactly(FailureReason.UNKNOWN_MESSAGE_ID);
  }

  @Test
  void reservedP2pIdsAreIgnored() {
    f.exchangeHellos();
    f.receive(0x05, Bytes.fromHexString("c0"));
    assertThat(f.channel.isOpen()).isTrue();
    assertThat(f.nextFrame()).isNull();
  }

  @Test
  void handlerFailureDisconnectsWithSubprotocolError() {
    f.exchangeHellos();
    f.eth.failWith = new IllegalStateException("bad status");
    f.receive(0x10, Bytes.fromHexString("c0"));
    assertDisconnectedLocally(Reason.SUBPROTOCOL_ERROR);
    assertThat(f.failures).containsExactly(FailureReason.SUBPROTOCOL_ERROR);
  }

  @Test
  void invalidSnappyPayloadIsAProtocolBreach() {
    f.exchangeHellos();
    f.receiveRaw(0x10, Bytes.fromHexString("0500c0"));
    assertDisconnectedLocally(Reason.PROTOCOL_ERROR);
    assertThat(f.failures).containsExactly(FailureReason.BAD_SNAPPY);
  }

  @Test
  void snappyPayloadClaimingOver16MiBIsAProtocolBreach() {
    f.exchangeHellos();
    f.receiveRaw(0x10, Bytes.fromHexString("8080800800c0"));
    assertDisconnectedLocally(Reason.PROTOCOL_ERROR);
    assertThat(f.failures).containsExactly(FailureReason.SNAPPY_TOO_LARGE);
  }

  @Test
  void sendPastTheOutboundBoundDropsThePeerWithoutDisconnect() {
    f.close();
    f = new P2pFixture(PrivateKey.random(), PrivateKey.random(), 100);
    f.exchangeHellos();
    assertThat(f.peer().send(ETH68, 0, Bytes.wrap(new byte[101]))).isCompletedExceptionally();
    f.channel.runPendingTasks();
    assertThat(f.channel.isOpen()).isFalse();
    assertThat(f.failures).containsExactly(FailureReason.WRITE_STALLED);
    assertThat(f.nextFrame()).isNull();
  }

  @Test
  void unwritablePeerStopsOurReadingAndIsDroppedAtTheWriteDeadline() {
    f.exchangeHellos();
    f.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    f.channel.runPendingTasks();
    assertThat(f.channel.config().isAutoRead()).isFalse();
    f.advance(P2pHandler.WRITE_TIMEOUT);
    assertThat(f.channel.isOpen()).isFalse();
    assertThat(f.failures).contains(FailureReason.WRITE_STALLED);
  }

  @Test
  void peerThatBecomesWritableAgainIsKept() {
    f.exchangeHellos();
    f.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    f.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
    f.channel.runPendingTasks();
    assertThat(f.channel.config().isAutoRead()).isTrue();
    f.advance(P2pHandler.WRITE_TIMEOUT);
    assertThat(f.channel.isOpen()).isTrue();
  }

  @Test
  void explicitPingCompletesWithTheRoundTripTimeWhenThePongArrives() {
    f.exchangeHellos();
    var rtt = f.peer().ping();
    f.channel.runPendingTasks();
    assertThat(f.nextMessage()).isEqualTo(new Ping());
    f.advance(Duration.ofMillis(40));
    assertThat(rtt).isNotDone();
    f.receive(new Pong());
    assertThat(rtt).isCompletedWithValue(Duration.ofMillis(40));
  }

  @Test
  void unansweredPingFailsWhenTheConnectionCloses() {
    f.exchangeHellos();
    var rtt = f.peer().ping();
    f.channel.runPendingTasks();
    f.receive(new Disconnect(Reason.REQUESTED));
    assertThat(rtt).isCompletedExceptionally();
  }
}
