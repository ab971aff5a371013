package org.jdevp2p.rlpx;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.Function;
import org.jdevp2p.rlpx.Disconnection.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits behind the handshake stage: on {@link HandshakeCompleted} it puts the {@link P2pHandler} in
 * its place; when the channel closes first (the handshake failed), it reports the failed
 * connection.
 */
final class HandshakeStage extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(HandshakeStage.class);

  private final Function<HandshakeCompleted, P2pHandler> p2p;
  private final PeerListener listener;
  private final ConnectionCounters counters;

  HandshakeStage(
      Function<HandshakeCompleted, P2pHandler> p2p,
      PeerListener listener,
      ConnectionCounters counters) {
    this.p2p = p2p;
    this.listener = listener;
    this.counters = counters;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof HandshakeCompleted completed) {
      ctx.pipeline().replace(this, "p2p", p2p.apply(completed));
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    FailureReason failure = counters.firstFailure();
    // A peer that hangs up mid-handshake is counted as HANDSHAKE_CLOSED_EARLY, but it was its move.
    Side side =
        failure != null && failure != FailureReason.HANDSHAKE_CLOSED_EARLY
            ? Side.LOCAL
            : Side.REMOTE;
    Disconnect.Reason reason =
        failure != null ? P2pHandler.disconnectReason(failure) : Disconnect.Reason.NETWORK_ERROR;
    Disconnection disconnection = new Disconnection(reason, side);
    listener.closed(ctx.channel(), null, disconnection);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug(
        "closing {} during the handshake: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
