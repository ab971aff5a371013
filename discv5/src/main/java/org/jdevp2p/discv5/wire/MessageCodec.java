package org.jdevp2p.discv5.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPException;
import org.apache.tuweni.rlp.RLPReader;
import org.apache.tuweni.rlp.RLPWriter;
import org.jdevp2p.discv5.wire.Message.FindNode;
import org.jdevp2p.discv5.wire.Message.Ping;
import org.jdevp2p.discv5.wire.Message.Pong;
import org.jdevp2p.discv5.wire.Message.TalkReq;
import org.jdevp2p.discv5.wire.Message.TalkResp;
import org.jdevp2p.discv5.wire.Message.Unknown;
import org.jdevp2p.discv5.wire.PacketDecodeException.Reason;

/**
 * Message plaintext: {@code message-type || RLP(message-data)}. Decoding is strict as geth's is:
 * canonical RLP only, no extra list elements, nothing after the list. A type we do not know is not
 * an error but an {@link Unknown}, which the service ignores.
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
                    writeUint64(w, p.enrSeq());
                  });
          case Pong p ->
              RLP.encodeList(
                  w -> {
                    w.writeValue(p.requestId().bytes());
                    writeUint64(w, p.enrSeq());
                    w.writeValue(p.ipBytes());
                    w.writeInt(p.recipientPort());
                  });
          case FindNode f ->
              RLP.encodeList(
                  w -> {
                    w.writeValue(f.requestId().bytes());
                    w.writeList(f.distances(), RLPWriter::writeInt);
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
        case Ping.TYPE -> list(body, r -> new Ping(requestId(r), uint64(r)));
        case Pong.TYPE -> list(body, r -> new Pong(requestId(r), uint64(r), ip(r), port(r)));
        case FindNode.TYPE -> list(body, r -> new FindNode(requestId(r), distances(r)));
        case TalkReq.TYPE ->
            list(body, r -> new TalkReq(requestId(r), r.readValue(), r.readValue()));
        case TalkResp.TYPE -> list(body, r -> new TalkResp(requestId(r), r.readValue()));
        default -> new Unknown(type, body);
      };
    } catch (Rejected e) {
      throw new PacketDecodeException(e.reason, e.getMessage());
    } catch (RLPException | IllegalArgumentException e) {
      throw new PacketDecodeException(
          Reason.BAD_MESSAGE, "message type " + type + ": " + e.getMessage());
    }
  }

  /** Reads exactly one RLP list that makes up the whole body, with no elements left over. */
  private static <T> T list(Bytes body, Function<RLPReader, T> fields) {
    return RLP.decode(
        body,
        false,
        reader -> {
          if (!reader.nextIsList()) throw new Rejected(Reason.BAD_MESSAGE, "body is not a list");
          T value =
              reader.readList(
                  r -> {
                    T v = fields.apply(r);
                    if (!r.isComplete()) {
                      throw new Rejected(Reason.BAD_MESSAGE, "extra elements in message list");
                    }
                    return v;
                  });
          if (!reader.isComplete()) throw new Rejected(Reason.BAD_MESSAGE, "data after the list");
          return value;
        });
  }

  private static RequestId requestId(RLPReader r) {
    Bytes id = r.readValue();
    if (id.size() > RequestId.MAX_SIZE) {
      throw new Rejected(Reason.BAD_REQUEST_ID, "request-id of " + id.size() + " bytes");
    }
    return new RequestId(id);
  }

  /** A canonical RLP unsigned integer of at most 8 bytes, as an unsigned long. */
  private static long uint64(RLPReader r) {
    Bytes v = r.readValue();
    if (v.size() > Long.BYTES) throw new Rejected(Reason.BAD_MESSAGE, "integer over 64 bits");
    if (!v.isEmpty() && v.get(0) == 0) {
      throw new Rejected(Reason.BAD_MESSAGE, "integer with leading zero bytes");
    }
    return v.isEmpty() ? 0 : v.toLong();
  }

  private static void writeUint64(RLPWriter w, long value) {
    w.writeValue(Bytes.ofUnsignedLong(value).trimLeadingZeros());
  }

  private static int port(RLPReader r) {
    long port = uint64(r);
    if (port > MAX_PORT) throw new Rejected(Reason.BAD_MESSAGE, "port " + port);
    return (int) port;
  }

  private static InetAddress ip(RLPReader r) {
    Bytes ip = r.readValue();
    if (ip.size() != IPV4_SIZE && ip.size() != IPV6_SIZE) {
      throw new Rejected(Reason.BAD_MESSAGE, "IP of " + ip.size() + " bytes");
    }
    try {
      return InetAddress.getByAddress(ip.toArrayUnsafe());
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException("4 or 16 bytes are an IP address", impossible);
    }
  }

  private static List<Integer> distances(RLPReader r) {
    if (!r.nextIsList()) throw new Rejected(Reason.BAD_MESSAGE, "distances are not a list");
    return r.readList(
        list -> {
          List<Integer> out = new ArrayList<>();
          while (!list.isComplete()) {
            long d = uint64(list);
            if (d > FindNode.MAX_DISTANCE) {
              throw new Rejected(Reason.BAD_MESSAGE, "distance " + Long.toUnsignedString(d));
            }
            out.add((int) d);
          }
          return out;
        });
  }

  /** Carries a typed reason out of tuweni's reader callbacks, which cannot throw checked ones. */
  private static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Reason reason;

    Rejected(Reason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }
}
