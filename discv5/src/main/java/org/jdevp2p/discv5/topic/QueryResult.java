package org.jdevp2p.discv5.topic;

import java.util.List;
import org.jdevp2p.enr.NodeRecord;

/**
 * A registrar's answer to TOPICQUERY: the advertisers of its TOPICNODES messages and the auxiliary
 * records of its NODES messages (discv5-wire.md "TOPICQUERY"). The protocol has checked the
 * records' signatures and the distances of the auxiliary ones; what an advertiser record must carry
 * to count as a result is the searcher's call (topics.md §7).
 */
public record QueryResult(List<NodeRecord> ads, List<NodeRecord> auxiliary) {
  public QueryResult {
    ads = List.copyOf(ads);
    auxiliary = List.copyOf(auxiliary);
  }
}
