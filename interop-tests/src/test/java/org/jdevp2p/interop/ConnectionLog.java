package org.jdevp2p.interop;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdevp2p.rlpx.Disconnection;
import org.jdevp2p.rlpx.PeerConnection;
import org.jdevp2p.rlpx.RlpxTransport;

/**
 * What our transport saw of its peers, for a test to wait on: connections and disconnections, each
 * disconnection printed so that a failing run shows why the peer left.
 */
final class ConnectionLog implements RlpxTransport.Listener {
  final BlockingQueue<PeerConnection> connected = new LinkedBlockingQueue<>();
  final BlockingQueue<Disconnection> disconnected = new LinkedBlockingQueue<>();

  @Override
  public void connected(PeerConnection peer) {
    System.out.println("[jdevp2p] connected " + peer);
    connected.add(peer);
  }

  @Override
  public void disconnected(PeerConnection peer, Disconnection disconnection) {
    System.out.println("[jdevp2p] " + peer + ": " + disconnection);
    disconnected.add(disconnection);
  }

  /** The next item of {@code queue}, or an assertion failure naming {@code what} on timeout. */
  static <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
    T t = queue.poll(EthereumJsPeer.EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (t == null) {
      throw new AssertionError("no " + what + " within " + EthereumJsPeer.EVENT_TIMEOUT);
    }
    return t;
  }
}
