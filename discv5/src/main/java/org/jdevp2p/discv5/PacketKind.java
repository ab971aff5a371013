package org.jdevp2p.discv5;

/** The three discv5 packet kinds, by their header flag (discv5-wire "Packet Encoding"). */
public enum PacketKind {
  /** Flag 0: a message under an established session (or a random packet that asks for one). */
  ORDINARY,
  /** Flag 1: a handshake challenge. */
  WHOAREYOU,
  /** Flag 2: a handshake answer carrying a message. */
  HANDSHAKE
}
