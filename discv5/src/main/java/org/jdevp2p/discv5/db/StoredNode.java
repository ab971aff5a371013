package org.jdevp2p.discv5.db;

import java.time.Instant;
import java.util.Optional;
import org.jdevp2p.enr.NodeRecord;

/**
 * What the database knows about one node.
 *
 * @param record the newest record seen (highest sequence number)
 * @param firstSeen when the node was first stored
 * @param lastPong when it last answered a PING of ours, if ever
 * @param lastFailure when a request to it last failed, if ever
 * @param failures requests failed in a row since its last PONG
 */
public record StoredNode(
    NodeRecord record,
    Instant firstSeen,
    Optional<Instant> lastPong,
    Optional<Instant> lastFailure,
    int failures) {}
