package org.jdevp2p.interop;

/** Our node (a) and ChainSafe's {@code @chainsafe/discv5} (b). */
class JdevpChainSafeInteropTest extends PeerPairContract {
  @Override
  Discv5Peer startA() {
    return JdevpPeer.start();
  }

  @Override
  Discv5Peer startB() {
    return ChainSafePeer.start();
  }
}
