package org.jdevp2p.rlpx.eth;

import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;

/**
 * eth/71+ 0x13 (EIP-8159): {@code [request-id, [entry, ...]]}, one entry per requested hash in
 * request order. An entry is a block access list (an RLP list; {@code c0} is a real, empty one) or
 * the empty string {@code 80}, "not available" – here {@link Optional#empty()}.
 */
public record BlockAccessLists(long requestId, List<Optional<Bytes>> accessLists)
    implements EthMessage {
  public static final int CODE = 0x13;

  /** The "not available" marker: the empty string. */
  private static final Bytes UNAVAILABLE = RLP.encodeValue(Bytes.EMPTY);

  public BlockAccessLists {
    accessLists = List.copyOf(accessLists);
  }

  @Override
  public int code() {
    return CODE;
  }

  @Override
  public Bytes encode() {
    return EthRlp.encodeItemResponse(
        requestId, accessLists.stream().map(bal -> bal.orElse(UNAVAILABLE)).toList());
  }

  static BlockAccessLists decode(Bytes payload) {
    EthRlp.Wrapped m = EthRlp.wrapped(payload, "BlockAccessLists");
    return new BlockAccessLists(
        m.requestId(), EthRlp.listOf(m.inner(), "block access lists", BlockAccessLists::entry));
  }

  private static Optional<Bytes> entry(Bytes item) {
    if (item.equals(UNAVAILABLE)) return Optional.empty();
    return Optional.of(EthRlp.opaqueList(item, "block access list (or 0x80)"));
  }
}
