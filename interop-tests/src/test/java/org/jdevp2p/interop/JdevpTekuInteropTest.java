package org.jdevp2p.interop;

/** Our node (a) and Teku's library (b). */
class JdevpTekuInteropTest extends PeerPairContract {
  @Override
  Discv5Peer startA() {
    return JdevpPeer.start();
  }

  @Override
  Discv5Peer startB() {
    return TekuPeer.start();
  }
}
