package org.jdevp2p.discv5.wire;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.jdevp2p.enr.NodeRecord;

/**
 * The discv5 messages (discv5-wire.md "Protocol Messages"), each a message-type byte then an RLP
 * list. Integers the spec defines as uint64 ({@code enr-seq}) are held in a {@code long} read as
 * unsigned.
 *
 * <p>Message types 0x07 to 0x0a are reserved for topic advertisement (REGTOPIC, TICKET or
 * REGCONFIRMATION, TOPICQUERY, TOPICNODES; see topics.md); they are not part of this family yet and
 * decode, like any other type we do not know, to {@link Unknown}.
 */
public sealed interface Message
    permits Message.Ping,
        Message.Pong,
        Message.FindNode,
        Message.Nodes,
        Message.TalkReq,
        Message.TalkResp,
        Message.Unknown {

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

    /** The largest log distance between two 256-bit ids. */
    public static final int MAX_DISTANCE = 256;

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
      if (total < 0 || total > MAX_TOTAL) {
        throw new IllegalArgumentException("total out of range 0..255: " + total);
      }
    }

    /**
     * The NODES messages that answer a request with these records, in order: packed greedily while
     * their summed size stays within 1000 bytes, so each message fits a packet; no records give one
     * message with none (geth packNodes).
     *
     * @throws IllegalArgumentException when the records need more than {@link #MAX_TOTAL} messages
     */
    public static List<Nodes> pack(RequestId requestId, List<NodeRecord> records) {
      List<List<NodeRecord>> groups = new ArrayList<>();
      List<NodeRecord> group = new ArrayList<>();
      int size = 0;
      for (NodeRecord r : records) {
        int recordSize = r.encoded().size();
        if (!group.isEmpty() && size + recordSize > RECORDS_SIZE_LIMIT) {
          groups.add(group);
          group = new ArrayList<>();
          size = 0;
        }
        group.add(r);
        size += recordSize;
      }
      groups.add(group);
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
   * A message of a type we do not speak (topic messages among them). The service ignores it and
   * keeps the session: peers that send newer messages must not lose their session with us.
   *
   * @param body the bytes after the type byte, not interpreted
   */
  record Unknown(int type, Bytes body) implements Message {
    public Unknown {
      if (type < 0 || type > 0xff) throw new IllegalArgumentException("type is one byte");
      Objects.requireNonNull(body, "body");
    }
  }
}
