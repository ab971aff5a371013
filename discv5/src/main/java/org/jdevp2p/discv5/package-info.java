/**
 * discv5 service: Node Discovery Protocol v5.1 over UDP on one Netty event loop that owns all
 * protocol state (sessions, challenges, requests, node table, lookups, topic discovery).
 *
 * <p>Public types: {@link org.jdevp2p.discv5.Discovery} (start, close, ping, findNodes, lookup,
 * talk, registerTopic, searchTopic), {@link org.jdevp2p.discv5.DiscoveryConfig} (builder with
 * documented defaults) with {@link org.jdevp2p.discv5.Netlist} (netrestrict networks), {@link
 * org.jdevp2p.discv5.PingResponse}, {@link org.jdevp2p.discv5.TalkHandler}, {@link
 * org.jdevp2p.discv5.TableListener}, {@link org.jdevp2p.discv5.Metrics} with {@link
 * org.jdevp2p.discv5.PacketKind} and {@link org.jdevp2p.discv5.DropReason}, and {@link
 * org.jdevp2p.discv5.DiscoveryException}. The wire layer is in {@code org.jdevp2p.discv5.wire}.
 */
package org.jdevp2p.discv5;
