package org.jdevp2p.discv5.topic;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.enr.NodeRecord;

/**
 * A registrar's answer to REGTOPIC: its REGCONFIRMATION and the auxiliary records of the NODES
 * messages that came with it (discv5-wire.md "REGCONFIRMATION").
 *
 * @param ticket empty when the ad was admitted; else the ticket to come back with
 * @param waitTime the ad's lifetime when admitted; else how long to wait before retrying
 * @param auxiliary routing hints toward the topic, already checked against the distances asked
 */
public record Registration(Bytes ticket, Duration waitTime, List<NodeRecord> auxiliary) {
  public Registration {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(waitTime, "waitTime");
    auxiliary = List.copyOf(auxiliary);
  }

  /** True when the ad was admitted (no ticket to come back with). */
  public boolean admitted() {
    return ticket.isEmpty();
  }
}
