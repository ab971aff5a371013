package org.jdevp2p.rlpx;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPException;
import org.apache.tuweni.rlp.RLPReader;
import org.jdevp2p.crypto.InvalidKeyException;
import org.jdevp2p.crypto.PublicKey;
import org.jdevp2p.node.NodeId;

/**
 * p2p message 0x00, the first message each side sends: {@code [protocolVersion, clientId,
 * [[capName, capVersion], ...], listenPort, nodeKey, ...]}. Elements after nodeKey are ignored, as
 * the spec asks of every reader.
 */
public record Hello(
    int protocolVersion, String clientId, List<Cap> capabilities, int listenPort, PublicKey nodeKey)
    implements P2pMessage {

  static final int CODE = 0x00;

  /** The p2p version we speak: 5, the one with Snappy (geth baseProtocolVersion). */
  public static final int PROTOCOL_VERSION = 5;

  /** From this remote version on, messages after Hello are Snappy compressed (geth). */
  static final int SNAPPY_PROTOCOL_VERSION = 5;

  /** geth refuses a Hello bigger than this (baseProtocolMaxMsgSize = 2 KiB). */
  static final int MAX_SIZE = 2 * 1024;

  /** A name/version pair as Hello carries it. */
  public record Cap(String name, int version) {
    @Override
    public String toString() {
      return name + "/" + version;
    }
  }

  public Hello {
    capabilities = List.copyOf(capabilities);
  }

  public NodeId nodeId() {
    return NodeId.of(nodeKey);
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return RLP.encodeList(
        w -> {
          w.writeInt(protocolVersion);
          w.writeString(clientId);
          w.writeList(
              capabilities,
              (cw, cap) ->
                  cw.writeList(
                      c -> {
                        c.writeString(cap.name());
                        c.writeInt(cap.version());
                      }));
          w.writeInt(listenPort);
          w.writeValue(nodeKey.bytes());
        });
  }

  /**
   * Decodes a Hello. Malformed RLP: {@link FailureReason#BAD_MESSAGE}; a node key that is not 64
   * bytes or not on the curve: {@link FailureReason#INVALID_IDENTITY}.
   */
  static Hello decode(Bytes payload) {
    P2pMessage.requireSingleItem(payload, "Hello");
    Fields f;
    try {
      f = RLP.decodeList(payload, Hello::readFields);
    } catch (RLPException e) {
      throw new RlpxException(FailureReason.BAD_MESSAGE, "malformed Hello: " + e.getMessage());
    }
    if (f.nodeKey.size() != 64) {
      throw new RlpxException(
          FailureReason.INVALID_IDENTITY,
          "Hello node key has " + f.nodeKey.size() + " bytes, not 64");
    }
    try {
      return new Hello(f.version, f.clientId, f.caps, f.listenPort, PublicKey.fromBytes(f.nodeKey));
    } catch (InvalidKeyException e) {
      throw new RlpxException(FailureReason.INVALID_IDENTITY, "Hello node key: " + e.getMessage());
    }
  }

  private record Fields(
      int version, String clientId, List<Cap> caps, int listenPort, Bytes nodeKey) {}

  private static Fields readFields(RLPReader r) {
    int version = r.readInt();
    String clientId = r.readString();
    if (!r.nextIsList()) throw new RLPException("capabilities are not a list");
    List<Cap> caps =
        r.readListContents(
            c -> {
              if (!c.nextIsList()) throw new RLPException("capability is not a list");
              return c.readList(
                  e -> {
                    Cap cap = new Cap(e.readString(), e.readInt());
                    while (!e.isComplete()) e.skipNext(); // EIP-8: ignore extra elements
                    return cap;
                  });
            });
    // The listen port is legacy (geth sends 0 and ignores it); a value no port can have reads as 0.
    long port = r.readLong();
    if (r.nextIsList()) throw new RLPException("node key is a list");
    Bytes key = r.readValue();
    while (!r.isComplete()) r.skipNext(); // extra elements are ignored
    return new Fields(version, clientId, caps, port >= 0 && port <= 0xffff ? (int) port : 0, key);
  }
}
