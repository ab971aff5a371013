package org.jdevp2p.interop;

/**
 * Teku's library (a) and ChainSafe's (b) against each other: validates both harnesses before either
 * is used against our node.
 */
class TekuChainSafeInteropTest extends PeerPairContract {
  @Override
  Discv5Peer startA() {
    return TekuPeer.start();
  }

  @Override
  Discv5Peer startB() {
    return ChainSafePeer.start();
  }
}
