/**
 * Interop tests against discv5 implementations we did not write, over loopback UDP. Harnesses (none
 * public): {@code TekuPeer} (Teku's {@code io.consensys.protocols:discovery} in this JVM), {@code
 * ChainSafePeer} ({@code @chainsafe/discv5} in a Node.js child driven by JSON lines), both behind
 * {@code Discv5Peer}; {@code PingContract} and {@code PeerPairContract} (PING, then FINDNODE) are
 * what any two of them must do for each other; {@code Convergence} checks that a network of them
 * finds itself through lookups.
 */
package org.jdevp2p.interop;
