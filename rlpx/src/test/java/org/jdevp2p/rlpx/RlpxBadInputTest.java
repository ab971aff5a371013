package org.jdevp2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdevp2p.rlpx.LoopbackNodes.ETH68;
import static org.jdevp2p.rlpx.LoopbackNodes.await;
import static org.jdevp2p.rlpx.LoopbackNodes.take;

import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.rlpx.Disconnect.Reason;
import org.jdevp2p.rlpx.LoopbackNodes.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that sends bad bytes after a correct handshake, over real loopback sockets. Each case ends
 * with the connection closed (with a Disconnect where the protocol allows one), the failure
 * counted, and the server's other connection untouched.
 */
class RlpxBadInputTest {
  /** The server's frame limit in these tests: small, so that one frame can pass it. */
  private static final int MAX_FRAME = 4096;

  private final LoopbackNodes nodes = new LoopbackNodes();
  private Node server;
  private PeerConnection bystander;
  private RoguePeer rogue;

  @BeforeEach
  void connect() throws Exception {
    server = nodes.node("server", b -> b.maxFrameSize(MAX_FRAME), ETH68);
    Node other = nodes.node("bystander", ETH68);
    bystander = await(other.transport.dial(server.enode()));
    take(server.connected);
    rogue = new RoguePeer(server.transport.publicKey(), server.address());
    rogue.exchangeHellos(ETH68);
    take(server.connected);
  }

  @AfterEach
  void close() throws Exception {
    rogue.close();
    nodes.close();
  }

  private void assertBystanderUntouched() throws Exception {
    assertThat(await(bystander.ping())).isPositive();
    assertThat(server.transport.peers()).hasSize(1);
  }

  private static byte[] flip(byte[] frame, int index) {
    byte[] copy = frame.clone();
    copy[index] ^= 0x01;
    return copy;
  }

  @Test
  void frameWithBadHeaderMacIsDropped() throws Exception {
    byte[] ping = rogue.frame(Ping.CODE, Bytes.fromHexString("c0"));
    rogue.send(flip(ping, 20)); // bytes 16..31 are the header MAC
    assertThat(rogue.readUntilClosed()).isNull(); // a MAC failure is dropped (spec, geth)
    assertThat(server.count(FailureReason.BAD_HEADER_MAC)).isEqualTo(1);
    assertBystanderUntouched();
  }

  @Test
  void frameWithBadBodyMacIsDropped() throws Exception {
    byte[] ping = rogue.frame(Ping.CODE, Bytes.fromHexString("c0"));
    rogue.send(flip(ping, ping.length - 1)); // the last 16 bytes are the frame MAC
    assertThat(rogue.readUntilClosed()).isNull();
    assertThat(server.count(FailureReason.BAD_FRAME_MAC)).isEqualTo(1);
    assertBystanderUntouched();
  }

  @Test
  void frameOverTheSizeLimitIsDropped() throws Exception {
    rogue.send(rogue.rawFrame(0x10, Bytes.wrap(new byte[MAX_FRAME + 1])));
    assertThat(rogue.readUntilClosed()).isNull();
    assertThat(server.count(FailureReason.FRAME_TOO_LARGE)).isEqualTo(1);
    assertBystanderUntouched();
  }

  @Test
  void snappyPayloadClaimingOver16MiBEarnsProtocolBreach() throws Exception {
    // varint 0x01000000 = 16 MiB, one byte over the limit, then a 1-byte literal
    rogue.send(rogue.rawFrame(0x10, Bytes.fromHexString("8080800800c0")));
    assertThat(rogue.readUntilClosed()).isEqualTo(Reason.PROTOCOL_ERROR);
    assertThat(server.count(FailureReason.SNAPPY_TOO_LARGE)).isEqualTo(1);
    assertBystanderUntouched();
  }

  @Test
  void messageIdOutsideEveryCapabilityEarnsProtocolBreach() throws Exception {
    rogue.send(rogue.frame(0x10 + ETH68.messageCount(), Bytes.fromHexString("c0")));
    assertThat(rogue.readUntilClosed()).isEqualTo(Reason.PROTOCOL_ERROR);
    assertThat(server.count(FailureReason.UNKNOWN_MESSAGE_ID)).isEqualTo(1);
    assertBystanderUntouched();
  }

  @Test
  void secondHelloEarnsProtocolBreach() throws Exception {
    Hello again = new Hello(5, "rogue/0", java.util.List.of(ETH68.cap()), 0, rogue.key.publicKey());
    rogue.send(rogue.frame(Hello.CODE, again.encode()));
    assertThat(rogue.readUntilClosed()).isEqualTo(Reason.PROTOCOL_ERROR);
    assertThat(server.count(FailureReason.SECOND_HELLO)).isEqualTo(1);
    assertBystanderUntouched();
  }
}
