package org.jdevp2p.interop;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PING between two discv5 implementations, on fresh nodes for every test so that each test's first
 * request runs the WHOAREYOU handshake in its direction. Subclasses say which two implementations
 * meet; {@link PeerPairContract} adds FINDNODE.
 */
abstract class PingContract {
  Discv5Peer a;
  Discv5Peer b;

  abstract Discv5Peer startA();

  abstract Discv5Peer startB();

  @BeforeEach
  void startPeers() {
    a = startA();
    try {
      b = startB();
    } catch (RuntimeException e) {
      a.close();
      throw e;
    }
  }

  @AfterEach
  void closePeers() {
    if (b != null) {
      b.close();
    }
    a.close();
  }

  @Test
  void aPingsBOverAHandshakeThatAStarts() {
    Await.done(a.ping(b.enr()), a + " PING " + b);
  }

  @Test
  void bPingsAOverAHandshakeThatBStarts() {
    Await.done(b.ping(a.enr()), b + " PING " + a);
  }
}
