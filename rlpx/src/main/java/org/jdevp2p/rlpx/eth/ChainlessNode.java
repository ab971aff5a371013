package org.jdevp2p.rlpx.eth;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.jdevp2p.eth.ForkId;

/**
 * The eth side of a node that holds no chain, only its network's genesis block (eth69plus.md §8):
 * it announces genesis as its head with the genesis fork id, answers every request at once from
 * what it has (the genesis header, body and receipts where asked, empty answers otherwise) and
 * never announces blocks. Stateless and thread-safe.
 */
public final class ChainlessNode {

  /**
   * geth {@code maxHeadersServe}/{@code maxBodiesServe}/{@code maxReceiptsServe}/{@code
   * maxBALsServe}: at most 1024 items per response, so a request for a million unavailable access
   * lists costs us at most 1024 placeholders.
   */
  static final int MAX_SERVE = 1024;

  private final GenesisBlock genesis;
  private final Bytes32 genesisHash;
  private final ForkId genesisForkId;

  public ChainlessNode(GenesisBlock genesis) {
    this.genesis = Objects.requireNonNull(genesis, "genesis");
    this.genesisHash = genesis.chain().genesisHash();
    // The fork id of head = genesis: consistent with latest = 0, accepted by every EIP-2124 filter
    // through the "remote is syncing" rule, and never stale (eth69plus.md §8.1).
    this.genesisForkId = genesis.chain().forkId(0, genesis.chain().genesisTime());
  }

  public GenesisBlock genesis() {
    return genesis;
  }

  /**
   * Our Status for a link of this version: genesis as head, range 0..0. On eth/68, td = 0 as geth
   * sends since the Merge (nobody validates it).
   */
  public Status status(EthVersion version) {
    long networkId = genesis.chain().networkId();
    return version == EthVersion.ETH68
        ? new Status68(
            version.number(), networkId, BigInteger.ZERO, genesisHash, genesisHash, genesisForkId)
        : new Status69(
            version.number(),
            networkId,
            genesisHash,
            genesisForkId,
            new BlockRange(0, 0, genesisHash));
  }

  /** The answer to a request, in the shape of the link's version. */
  public EthMessage answer(EthVersion version, EthMessage.Request request) {
    return switch (request) {
      case GetBlockHeaders r ->
          new BlockHeaders(
              r.requestId(),
              isGenesis(r.origin()) && r.amount() != 0 ? List.of(genesis.header()) : List.of());
      case GetBlockBodies r ->
          new BlockBodies(r.requestId(), genesisPrefix(r.hashes(), genesis.body()));
      case GetReceipts r -> new Receipts(r.requestId(), receiptsPrefix(r.hashes()));
      case GetReceipts70 r -> new Receipts70(r.requestId(), false, receiptsPrefix(r.hashes()));
      case GetPooledTransactions r -> new PooledTransactions(r.requestId(), List.of());
      case GetBlockAccessLists r ->
          // One entry per requested hash, in order; the genesis has no access list either.
          new BlockAccessLists(
              r.requestId(),
              Collections.nCopies(Math.min(r.hashes().size(), MAX_SERVE), Optional.empty()));
      // Answered in the layout of the request (flat per spec, nested from geth v1.17.5 and reth).
      case GetCells r -> new Cells(r.requestId(), List.of(), List.of(), CellMask.NONE, r.layout());
    };
  }

  private boolean isGenesis(GetBlockHeaders.Origin origin) {
    return switch (origin) {
      case GetBlockHeaders.ByHash h -> h.hash().equals(genesisHash);
      case GetBlockHeaders.ByNumber n -> n.number() == 0;
    };
  }

  /**
   * geth from v1.17.3 stops at the first block it lacks, so an answer is a prefix of the request:
   * the item for each leading genesis hash, nothing after the first other hash.
   */
  private <T> List<T> genesisPrefix(List<Bytes32> hashes, T item) {
    List<T> items = new ArrayList<>();
    for (Bytes32 hash : hashes) {
      if (!hash.equals(genesisHash) || items.size() == MAX_SERVE) break;
      items.add(item);
    }
    return items;
  }

  private List<List<Bytes>> receiptsPrefix(List<Bytes32> hashes) {
    // The genesis block has no transactions: its receipt list is empty.
    return genesisPrefix(hashes, List.of());
  }
}
