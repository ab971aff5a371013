package org.jdevp2p.rlpx;

import io.netty.channel.Channel;

/** What {@link P2pHandler} tells its owner; called on the channel's event loop. */
interface PeerListener {

  /** Hellos exchanged, capabilities matched: the peer is usable. */
  void connected(PeerConnection peer);

  /**
   * The channel closed. {@code peer} is null when it closed before {@link #connected} (a failed
   * dial or Hello exchange).
   */
  void closed(Channel channel, PeerConnection peer, Disconnection disconnection);
}
