package org.jdevp2p.discv5;

import java.net.InetSocketAddress;

/**
 * What a PONG told us.
 *
 * @param enrSeq the sequence number of the peer's current record
 * @param recipient the address the peer saw our PING come from
 */
public record PingResponse(long enrSeq, InetSocketAddress recipient) {}
