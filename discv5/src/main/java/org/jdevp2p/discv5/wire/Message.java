package org.jdevp2p.discv5.wire;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.enr.NodeRecord;

/**
 * The discv5 messages (discv5-wire.md "Protocol Messages"), each a message-type byte then an RLP
 * list. Integers the spec defines as uint64 ({@code enr-seq}) are held in a {@code long} read as
 * unsigned.
 *
 * <p>Types 0x07 to 0x0a are topic discovery as TopDisc defines them (discv5-wire.md, topics.md §1):
 * REGTOPIC, REGCONFIRMATION, TOPICQUERY, TOPICNODES. The classic draft used the same type bytes for
 * other layouts (topics.md §13); ours need more list items than those had, so a classic message
 * fails to decode rather than being misread.
 */
public sealed interface Message
    permits Message.Ping,
        Message.Pong,
        Message.FindNode,
        Message.Nodes,
        Message.TalkReq,
        Message.TalkResp,
        Message.RegTopic,
        Message.RegConfirmation,
        Message.TopicQuery,
        Message.TopicNodes,
        Message.Unknown {

  /** The largest log distance between two 256-bit ids. */
  int MAX_DISTANCE = 256;

  /**
   * Topic distances per REGTOPIC or TOPICQUERY (topics.md §8, ours): one per bucket of the sender's
   * topic table with free space, and the registrar returns at most one record per distance.
   */
  int MAX_TOPIC_DISTANCES = 16;

  /**
   * Largest ticket accepted. The format is the registrar's own (topics.md §4: ours is 69 bytes);
   * 256 leaves room for another registrar's format while a REGTOPIC with a 300-byte record, 16
   * distances and this ticket still fits a 1280-byte packet with room to spare.
   */
  int MAX_TICKET_SIZE = 256;

  /**
   * The records of a response split into messages that each fit a packet: packed greedily while
   * their summed size stays within 1000 bytes (geth packNodes); no records give one empty group.
   */
  static List<List<NodeRecord>> packRecords(List<NodeRecord> records) {
    List<List<NodeRecord>> groups = new ArrayList<>();
    List<NodeRecord> group = new ArrayList<>();
    int size = 0;
    for (NodeRecord r : records) {
      int recordSize = r.encoded().size();
      if (!group.isEmpty() && size + recordSize > Nodes.RECORDS_SIZE_LIMIT) {
        groups.add(group);
        group = new ArrayList<>();
        size = 0;
      }
      group.add(r);
      size += recordSize;
    }
    groups.add(group);
    return groups;
  }

  /** The message-type byte. */
  int type();

  /** PING: liveness check; {@code enrSeq} is the sender's record sequence number. */
  record Ping(RequestId requestId, long enrSeq) implements Message {
    public static final int TYPE = 0x01;

    public Ping {
      Objects.requireNonNull(requestId, "requestId");
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /**
   * PONG: answer to PING with the sender's record sequence number and the UDP source endpoint the
   * PING came from, so the pinger learns its external address.
   *
   * @param recipientIp 4 bytes on the wire for IPv4 (also for IPv4-mapped IPv6, as geth sends it),
   *     16 for IPv6
   */
  record Pong(RequestId requestId, long enrSeq, InetAddress recipientIp, int recipientPort)
      implements Message {
    public static final int TYPE = 0x02;

    public Pong {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(recipientIp, "recipientIp");
      if (recipientPort < 0 || recipientPort > 0xffff) {
        throw new IllegalArgumentException("port out of range: " + recipientPort);
      }
    }

    @Override
    public int type() {
      return TYPE;
    }

    /** The IP as it goes on the wire. */
    Bytes ipBytes() {
      return Bytes.wrap(recipientIp.getAddress());
    }
  }

  /**
   * FINDNODE: asks for the records at the given log distances; 0 asks for the recipient's own
   * record.
   */
  record FindNode(RequestId requestId, List<Integer> distances) implements Message {
    public static final int TYPE = 0x03;

    public FindNode {
      Objects.requireNonNull(requestId, "requestId");
      distances = List.copyOf(distances);
      for (int d : distances) {
        if (d < 0 || d > MAX_DISTANCE) {
          throw new IllegalArgumentException("distance out of range 0..256: " + d);
        }
      }
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /**
   * NODES: (part of) the answer to FINDNODE. A response may span several NODES messages; each says
   * how many there are in {@code total}.
   */
  record Nodes(RequestId requestId, int total, List<NodeRecord> records) implements Message {
    public static final int TYPE = 0x04;

    /** geth decodes total into a uint8: a larger count would make geth drop the packet. */
    public static final int MAX_TOTAL = 0xff;

    /**
     * Bytes of records packed into one NODES message (geth packNodes sizeLimit): of a 1280-byte
     * packet about 80 go to masking IV, header and GCM tag, and this leaves some 200 more for the
     * message's other fields. With records of at most 300 bytes, at least 3 fit.
     */
    static final int RECORDS_SIZE_LIMIT = 1000;

    public Nodes {
      Objects.requireNonNull(requestId, "requestId");
      records = List.copyOf(records);
      requireTotal(total);
    }

    /**
     * The NODES messages that answer a request with these records, in order: packed greedily while
     * their summed size stays within 1000 bytes, so each message fits a packet; no records give one
     * message with none (geth packNodes).
     *
     * @throws IllegalArgumentException when the records need more than {@link #MAX_TOTAL} messages
     */
    public static List<Nodes> pack(RequestId requestId, List<NodeRecord> records) {
      List<List<NodeRecord>> groups = packRecords(records);
      if (groups.size() > MAX_TOTAL) {
        throw new IllegalArgumentException(
            records.size() + " records need more than " + MAX_TOTAL + " NODES messages");
      }
      List<Nodes> out = new ArrayList<>(groups.size());
      for (List<NodeRecord> g : groups) out.add(new Nodes(requestId, groups.size(), g));
      return out;
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** TALKREQ: an application request for {@code protocol}, answered by TALKRESP. */
  record TalkReq(RequestId requestId, Bytes protocol, Bytes request) implements Message {
    public static final int TYPE = 0x05;

    public TalkReq {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(request, "request");
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** TALKRESP: the answer to a TALKREQ; empty when the protocol is unknown to the recipient. */
  record TalkResp(RequestId requestId, Bytes response) implements Message {
    public static final int TYPE = 0x06;

    public TalkResp {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(response, "response");
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /**
   * REGTOPIC: asks the recipient to hold an ad for {@code topic}, answered by one REGCONFIRMATION
   * and NODES with auxiliary records (topics.md §1).
   *
   * @param enr the sender's own current record
   * @param ticket empty on a first attempt, else the latest ticket this registrar issued
   * @param distances topic distances (1..256) at which the sender wants auxiliary records
   */
  record RegTopic(
      RequestId requestId, Bytes32 topic, NodeRecord enr, Bytes ticket, List<Integer> distances)
      implements Message {
    public static final int TYPE = 0x07;

    public RegTopic {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(enr, "enr");
      Objects.requireNonNull(ticket, "ticket");
      if (ticket.size() > MAX_TICKET_SIZE) {
        throw new IllegalArgumentException("ticket of " + ticket.size() + " bytes");
      }
      distances = topicDistances(distances);
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /**
   * REGCONFIRMATION: the registrar's one answer to REGTOPIC. An empty ticket means admitted, and
   * {@code waitTimeMillis} is the ad's lifetime; otherwise the sender may come back with the ticket
   * after {@code waitTimeMillis}.
   *
   * @param total the number of response messages for the request, NODES included
   */
  record RegConfirmation(RequestId requestId, int total, Bytes ticket, long waitTimeMillis)
      implements Message {
    public static final int TYPE = 0x08;

    public RegConfirmation {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(ticket, "ticket");
      requireTotal(total);
      if (ticket.size() > MAX_TICKET_SIZE) {
        throw new IllegalArgumentException("ticket of " + ticket.size() + " bytes");
      }
      if (waitTimeMillis < 0) throw new IllegalArgumentException("negative wait time");
    }

    /**
     * The whole answer to a REGTOPIC: this REGCONFIRMATION, then NODES with the auxiliary records
     * (none if there are none), every message carrying the same {@code total} (topics.md §1).
     */
    public static List<Message> pack(
        RequestId requestId, Bytes ticket, long waitTimeMillis, List<NodeRecord> auxiliary) {
      List<List<NodeRecord>> nodes = auxiliaryGroups(auxiliary);
      int total = 1 + nodes.size();
      List<Message> out = new ArrayList<>(total);
      out.add(new RegConfirmation(requestId, total, ticket, waitTimeMillis));
      for (List<NodeRecord> g : nodes) out.add(new Nodes(requestId, total, g));
      return out;
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /**
   * TOPICQUERY: asks for advertisers of {@code topic}, answered by TOPICNODES and NODES with
   * auxiliary records.
   */
  record TopicQuery(RequestId requestId, Bytes32 topic, List<Integer> distances)
      implements Message {
    public static final int TYPE = 0x09;

    public TopicQuery {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(topic, "topic");
      distances = topicDistances(distances);
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /**
   * TOPICNODES: (part of) the advertisers a registrar holds for the topic of a TOPICQUERY.
   *
   * @param total the number of response messages for the request, NODES included
   */
  record TopicNodes(RequestId requestId, int total, List<NodeRecord> records) implements Message {
    public static final int TYPE = 0x0a;

    public TopicNodes {
      Objects.requireNonNull(requestId, "requestId");
      records = List.copyOf(records);
      requireTotal(total);
    }

    /**
     * The whole answer to a TOPICQUERY: TOPICNODES with the ads, packed as NODES are (at least one
     * message, empty when there are no ads, so that a miss is an answer and not a timeout:
     * topics.md §11.10), then NODES with the auxiliary records, all with the same {@code total}.
     */
    public static List<Message> pack(
        RequestId requestId, List<NodeRecord> ads, List<NodeRecord> auxiliary) {
      List<List<NodeRecord>> topicNodes = packRecords(ads);
      List<List<NodeRecord>> nodes = auxiliaryGroups(auxiliary);
      int total = topicNodes.size() + nodes.size();
      requireTotal(total);
      List<Message> out = new ArrayList<>(total);
      for (List<NodeRecord> g : topicNodes) out.add(new TopicNodes(requestId, total, g));
      for (List<NodeRecord> g : nodes) out.add(new Nodes(requestId, total, g));
      return out;
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /**
   * A message of a type we do not speak. The service ignores it and keeps the session: peers that
   * send newer messages must not lose their session with us.
   *
   * @param body the bytes after the type byte, not interpreted
   */
  record Unknown(int type, Bytes body) implements Message {
    public Unknown {
      if (type < 0 || type > 0xff) throw new IllegalArgumentException("type is one byte");
      Objects.requireNonNull(body, "body");
    }
  }

  private static void requireTotal(int total) {
    if (total < 0 || total > Nodes.MAX_TOTAL) {
      throw new IllegalArgumentException("total out of range 0..255: " + total);
    }
  }

  /** NODES groups for auxiliary records: none at all when there are none. */
  private static List<List<NodeRecord>> auxiliaryGroups(List<NodeRecord> auxiliary) {
    return auxiliary.isEmpty() ? List.of() : packRecords(auxiliary);
  }

  private static List<Integer> topicDistances(List<Integer> distances) {
    List<Integer> copy = List.copyOf(distances);
    if (copy.size() > MAX_TOPIC_DISTANCES) {
      throw new IllegalArgumentException(copy.size() + " distances, at most 16");
    }
    for (int d : copy) {
      if (d < 1 || d > MAX_DISTANCE) {
        throw new IllegalArgumentException("topic distance out of range 1..256: " + d);
      }
    }
    return copy;
  }
}
