package org.jdevp2p.rlpx.eth;

import org.apache.tuweni.bytes.Bytes;

/**
 * A message of the eth protocol, eth/68 to eth/72. Where a message changed shape between versions
 * there is one record per shape ({@link Status68}/{@link Status69}, {@link GetReceipts}/{@link
 * GetReceipts70}, {@link Receipts}/{@link Receipts70}, {@link NewPooledTransactionHashes}/{@link
 * NewPooledTransactionHashes72}); {@link EthCodec} knows which belongs to which version. Headers,
 * bodies, transactions and receipts stay opaque: their RLP encoding, checked for shape.
 */
public sealed interface EthMessage
    permits Status,
        EthMessage.Request,
        NewBlockHashes,
        Transactions,
        BlockHeaders,
        BlockBodies,
        NewBlock,
        NewPooledTransactionHashes,
        NewPooledTransactionHashes72,
        PooledTransactions,
        Receipts,
        Receipts70,
        BlockRangeUpdate,
        BlockAccessLists,
        Cells {

  /** The message id relative to the eth offset. */
  int code();

  /** The RLP payload (before Snappy). */
  Bytes encode();

  /** A request: the peer must answer with the same request id (EIP-2481). */
  sealed interface Request extends EthMessage
      permits GetBlockHeaders,
          GetBlockBodies,
          GetPooledTransactions,
          GetReceipts,
          GetReceipts70,
          GetBlockAccessLists,
          GetCells {
    /** Chosen by the requester, echoed in the response; an unsigned 64-bit value. */
    long requestId();
  }
}
