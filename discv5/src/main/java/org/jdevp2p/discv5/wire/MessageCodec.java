package org.jdevp2p.discv5.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPWriter;
import org.jdevp2p.discv5.wire.Message.FindNode;
import org.jdevp2p.discv5.wire.Message.Nodes;
import org.jdevp2p.discv5.wire.Message.Ping;
import org.jdevp2p.discv5.wire.Message.Pong;
import org.jdevp2p.discv5.wire.Message.RegConfirmation;
import org.jdevp2p.discv5.wire.Message.RegTopic;
import org.jdevp2p.discv5.wire.Message.TalkReq;
import org.jdevp2p.discv5.wire.Message.TalkResp;
import org.jdevp2p.discv5.wire.Message.TopicNodes;
import org.jdevp2p.discv5.wire.Message.TopicQuery;
import org.jdevp2p.discv5.wire.Message.Unknown;
import org.jdevp2p.discv5.wire.PacketDecodeException.Reason;
import org.jdevp2p.enr.InvalidRecordException;
import org.jdevp2p.enr.NodeRecord;
import org.jdevp2p.rlp.InvalidRlpException;
import org.jdevp2p.rlp.StrictRlp;

/**
 * Message plaintext: {@code message-type || RLP(message-data)}. Decoding is strict as geth's is:
 * canonical RLP only, exactly the fields the type has, nothing after the list. The topic messages
 * (0x07..0x0a) need at least their fields and ignore extra trailing items (topics.md §0: a later
 * revision may append fields; the classic draft's layouts have fewer items and fail). A type we do
 * not know is not an error but an {@link Unknown}, which the service ignores.
 */
public final class MessageCodec {
  /** An IPv4 address on the wire. */
  private static final int IPV4_SIZE = 4;

  /** An IPv6 address on the wire. */
  private static final int IPV6_SIZE = 16;

  /** A port is a uint16. */
  private static final int MAX_PORT = 0xffff;

  private MessageCodec() {}

  /** The plaintext of a message: type byte then its RLP list. */
  public static Bytes encode(Message message) {
    Bytes body =
        switch (message) {
          case Ping p ->
              RLP.encodeList(
                  w -> {
                    w.writeValue(p.requestId().bytes());
                    writeUInt64(w, p.enrSeq());
                  });
          case Pong p ->
              RLP.encodeList(
                  w -> {
                    w.writeValue(p.requestId().bytes());
                    writeUInt64(w, p.enrSeq());
                    w.writeValue(p.ipBytes());
                    w.writeInt(p.recipientPort());
                  });
          case FindNode f ->
              RLP.encodeList(
                  w -> {
                    w.writeValue(f.requestId().bytes());
                    w.writeList(f.distances(), RLPWriter::writeInt);
                  });
          case Nodes n ->
              RLP.encodeList(
                  w -> {
                    w.writeValue(n.requestId().bytes());
                    w.writeInt(n.total());
                    w.writeList(n.records(), (l, r) -> l.writeRLP(r.encoded()));
                  });
          case TalkReq t ->
              RLP.encodeList(
                  w -> {
                    w.writeValue(t.requestId().bytes());
                    w.writeValue(t.protocol());
                    w.writeValue(t.request());
                  });
          case TalkResp t ->
              RLP.encodeList(
                  w -> {
                    w.writeValue(t.requestId().bytes());
                    w.writeValue(t.response());
                  });
          case RegTopic r ->
              RLP.encodeList(
                  w -> {
                    w.writeValue(r.requestId().bytes());
                    w.writeValue(r.topic());
                    w.writeRLP(r.enr().encoded());
                    w.writeValue(r.ticket());
                    w.writeList(r.distances(), RLPWriter::writeInt);
                  });
          case RegConfirmation c ->
              RLP.encodeList(
                  w -> {
                    w.writeValue(c.requestId().bytes());
                    w.writeInt(c.total());
                    w.writeValue(c.ticket());
                    writeUInt64(w, c.waitTimeMillis());
                  });
          case TopicQuery q ->
              RLP.encodeList(
                  w -> {
                    w.writeValue(q.requestId().bytes());
                    w.writeValue(q.topic());
                    w.writeList(q.distances(), RLPWriter::writeInt);
                  });
          case TopicNodes n ->
              RLP.encodeList(
                  w -> {
                    w.writeValue(n.requestId().bytes());
                    w.writeInt(n.total());
                    w.writeList(n.records(), (l, r) -> l.writeRLP(r.encoded()));
                  });
          case Unknown u -> u.body();
        };
    return Bytes.concatenate(Bytes.of(message.type()), body);
  }

  /** Reads a decrypted message plaintext. */
  public static Message decode(Bytes plaintext) throws PacketDecodeException {
    if (plaintext.isEmpty()) {
      throw new PacketDecodeException(Reason.EMPTY_MESSAGE, "no message-type byte");
    }
    int type = plaintext.get(0) & 0xff;
    Bytes body = plaintext.slice(1);
    try {
      return switch (type) {
        case Ping.TYPE -> {
          List<Bytes> f = fields(body, 2);
          yield new Ping(requestId(f.get(0)), StrictRlp.readUInt64(f.get(1)));
        }
        case Pong.TYPE -> {
          List<Bytes> f = fields(body, 4);
          yield new Pong(
              requestId(f.get(0)), StrictRlp.readUInt64(f.get(1)), ip(f.get(2)), port(f.get(3)));
        }
        case FindNode.TYPE -> {
          List<Bytes> f = fields(body, 2);
          yield new FindNode(requestId(f.get(0)), distances(f.get(1)));
        }
        case Nodes.TYPE -> {
          List<Bytes> f = fields(body, 3);
          yield new Nodes(requestId(f.get(0)), total(f.get(1)), records(f.get(2)));
        }
        case TalkReq.TYPE -> {
          List<Bytes> f = fields(body, 3);
          yield new TalkReq(
              requestId(f.get(0)), StrictRlp.readBytes(f.get(1)), StrictRlp.readBytes(f.get(2)));
        }
        case TalkResp.TYPE -> {
          List<Bytes> f = fields(body, 2);
          yield new TalkResp(requestId(f.get(0)), StrictRlp.readBytes(f.get(1)));
        }
        case RegTopic.TYPE -> {
          List<Bytes> f = leadingFields(body, 5);
          yield new RegTopic(
              requestId(f.get(0)),
              topic(f.get(1)),
              record(f.get(2)),
              ticket(f.get(3)),
              topicDistances(f.get(4)));
        }
        case RegConfirmation.TYPE -> {
          List<Bytes> f = leadingFields(body, 4);
          yield new RegConfirmation(
              requestId(f.get(0)), total(f.get(1)), ticket(f.get(2)), waitTime(f.get(3)));
        }
        case TopicQuery.TYPE -> {
          List<Bytes> f = leadingFields(body, 3);
          yield new TopicQuery(requestId(f.get(0)), topic(f.get(1)), topicDistances(f.get(2)));
        }
        case TopicNodes.TYPE -> {
          List<Bytes> f = leadingFields(body, 3);
          yield new TopicNodes(requestId(f.get(0)), total(f.get(1)), records(f.get(2)));
        }
        default -> new Unknown(type, body);
      };
    } catch (InvalidRlpException e) {
      throw new PacketDecodeException(
          Reason.BAD_MESSAGE, "message type " + type + ": " + e.getMessage());
    }
  }

  /** The elements of the body's one list, which must have exactly {@code count} of them. */
  private static List<Bytes> fields(Bytes body, int count) throws PacketDecodeException {
    if (body.isEmpty() || !StrictRlp.isList(body)) {
      throw new PacketDecodeException(Reason.BAD_MESSAGE, "message body is not a list");
    }
    List<Bytes> fields = StrictRlp.listItems(body);
    if (fields.size() != count) {
      throw new PacketDecodeException(
          Reason.BAD_MESSAGE, fields.size() + " fields where " + count + " belong");
    }
    return fields;
  }

  /**
   * The elements of the body's one list, which must have at least {@code count} of them; only the
   * first {@code count} are returned (the others were checked to be canonical RLP).
   */
  private static List<Bytes> leadingFields(Bytes body, int count) throws PacketDecodeException {
    if (body.isEmpty() || !StrictRlp.isList(body)) {
      throw new PacketDecodeException(Reason.BAD_MESSAGE, "message body is not a list");
    }
    List<Bytes> fields = StrictRlp.listItems(body);
    if (fields.size() < count) {
      throw new PacketDecodeException(
          Reason.BAD_MESSAGE, fields.size() + " fields where at least " + count + " belong");
    }
    return fields.subList(0, count);
  }

  private static RequestId requestId(Bytes item) throws PacketDecodeException {
    Bytes id = StrictRlp.readBytes(item);
    if (id.size() > RequestId.MAX_SIZE) {
      throw new PacketDecodeException(
          Reason.BAD_REQUEST_ID, "request-id of " + id.size() + " bytes");
    }
    return new RequestId(id);
  }

  private static void writeUInt64(RLPWriter w, long value) {
    w.writeValue(Bytes.ofUnsignedLong(value).trimLeadingZeros());
  }

  private static int port(Bytes item) throws PacketDecodeException {
    long port = StrictRlp.readUInt64(item);
    if (port < 0 || port > MAX_PORT) {
      throw new PacketDecodeException(Reason.BAD_MESSAGE, "port " + Long.toUnsignedString(port));
    }
    return (int) port;
  }

  private static int total(Bytes item) throws PacketDecodeException {
    long total = StrictRlp.readUInt64(item);
    if (total < 0 || total > Nodes.MAX_TOTAL) {
      throw new PacketDecodeException(Reason.BAD_MESSAGE, "total " + Long.toUnsignedString(total));
    }
    return (int) total;
  }

  private static InetAddress ip(Bytes item) throws PacketDecodeException {
    Bytes ip = StrictRlp.readBytes(item);
    if (ip.size() != IPV4_SIZE && ip.size() != IPV6_SIZE) {
      throw new PacketDecodeException(Reason.BAD_MESSAGE, "IP of " + ip.size() + " bytes");
    }
    try {
      return InetAddress.getByAddress(ip.toArrayUnsafe());
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException("4 or 16 bytes are an IP address", impossible);
    }
  }

  private static List<Integer> distances(Bytes item) throws PacketDecodeException {
    if (!StrictRlp.isList(item)) {
      throw new PacketDecodeException(Reason.BAD_MESSAGE, "distances are not a list");
    }
    // No count limit beyond the packet's: 1280 bytes hold at most ~1200 distances.
    List<Bytes> items = StrictRlp.listItems(item);
    List<Integer> out = new ArrayList<>(items.size());
    for (Bytes d : items) {
      long distance = StrictRlp.readUInt64(d);
      if (distance < 0 || distance > Message.MAX_DISTANCE) {
        throw new PacketDecodeException(
            Reason.BAD_MESSAGE, "distance " + Long.toUnsignedString(distance));
      }
      out.add((int) distance);
    }
    return out;
  }

  /** Topic distances: at most 16, each 1..256 (0, the recipient itself, is no topic distance). */
  private static List<Integer> topicDistances(Bytes item) throws PacketDecodeException {
    if (!StrictRlp.isList(item)) {
      throw new PacketDecodeException(Reason.BAD_MESSAGE, "topic distances are not a list");
    }
    List<Bytes> items = StrictRlp.listItems(item);
    if (items.size() > Message.MAX_TOPIC_DISTANCES) {
      throw new PacketDecodeException(
          Reason.BAD_MESSAGE,
          items.size() + " topic distances, at most " + Message.MAX_TOPIC_DISTANCES);
    }
    List<Integer> out = new ArrayList<>(items.size());
    for (Bytes d : items) {
      long distance = StrictRlp.readUInt64(d);
      if (distance < 1 || distance > Message.MAX_DISTANCE) {
        throw new PacketDecodeException(
            Reason.BAD_MESSAGE, "topic distance " + Long.toUnsignedString(distance));
      }
      out.add((int) distance);
    }
    return out;
  }

  /** A topic id: exactly 32 bytes (topics.md §1: drop otherwise). */
  private static Bytes32 topic(Bytes item) throws PacketDecodeException {
    Bytes topic = StrictRlp.readBytes(item);
    if (topic.size() != Bytes32.SIZE) {
      throw new PacketDecodeException(Reason.BAD_MESSAGE, "topic of " + topic.size() + " bytes");
    }
    return Bytes32.wrap(topic);
  }

  private static Bytes ticket(Bytes item) throws PacketDecodeException {
    Bytes ticket = StrictRlp.readBytes(item);
    if (ticket.size() > Message.MAX_TICKET_SIZE) {
      throw new PacketDecodeException(
          Reason.BAD_MESSAGE,
          "ticket of " + ticket.size() + " bytes, at most " + Message.MAX_TICKET_SIZE);
    }
    return ticket;
  }

  /** A wait time in ms: a uint64 below 2^63, so that it fits a Duration and a signed long. */
  private static long waitTime(Bytes item) throws PacketDecodeException {
    long millis = StrictRlp.readUInt64(item);
    if (millis < 0) {
      throw new PacketDecodeException(
          Reason.BAD_MESSAGE, "wait-time " + Long.toUnsignedString(millis));
    }
    return millis;
  }

  /** One record, the sender's own in REGTOPIC: a list of at most 300 bytes, signed. */
  private static NodeRecord record(Bytes item) throws PacketDecodeException {
    if (!StrictRlp.isList(item)) {
      throw new PacketDecodeException(Reason.BAD_RECORD, "record is not a list");
    }
    try {
      return NodeRecord.decode(item);
    } catch (InvalidRecordException e) {
      throw new PacketDecodeException(Reason.BAD_RECORD, e.getMessage());
    }
  }

  /**
   * Each record decoded and verified. One record that does not verify drops the whole message (geth
   * drops only that record); a peer that relays forged records is not one to trust.
   */
  private static List<NodeRecord> records(Bytes item) throws PacketDecodeException {
    if (!StrictRlp.isList(item)) {
      throw new PacketDecodeException(Reason.BAD_MESSAGE, "records are not a list");
    }
    // No count limit beyond the packet's: each record is at least ~70 bytes, so at most ~17 fit.
    List<Bytes> items = StrictRlp.listItems(item);
    List<NodeRecord> records = new ArrayList<>(items.size());
    for (Bytes r : items) records.add(record(r));
    return records;
  }
}
