/**
 * The discv5 wire: packets, their masking and encryption, the handshake cryptography and the
 * messages, with no I/O (discv5-wire.md, discv5-theory.md).
 *
 * <p>Public types: {@link org.jdevp2p.discv5.wire.PacketCodec}, {@link
 * org.jdevp2p.discv5.wire.Packet}, {@link org.jdevp2p.discv5.wire.PacketDecodeException}, {@link
 * org.jdevp2p.discv5.wire.Session}, {@link org.jdevp2p.discv5.wire.Message}, {@link
 * org.jdevp2p.discv5.wire.MessageCodec}, {@link org.jdevp2p.discv5.wire.RequestId}.
 */
package org.jdevp2p.discv5.wire;
