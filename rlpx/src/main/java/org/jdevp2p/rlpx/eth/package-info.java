/**
 * The eth wire protocol, eth/68 to eth/72: message codecs, Status validation, and the capability
 * handler of a node without a chain.
 *
 * <p>Entry point: {@link org.jdevp2p.rlpx.eth.EthHandler} (the capability handler to register with
 * an {@code RlpxTransport}, with its {@code Timer} and {@code Listener}).
 *
 * <p>Public types: {@link org.jdevp2p.rlpx.eth.StatusValidator} with {@link
 * org.jdevp2p.rlpx.eth.StatusError} (geth's Status rules and their Disconnect reasons); {@link
 * org.jdevp2p.rlpx.eth.ChainlessNode} and {@link org.jdevp2p.rlpx.eth.GenesisBlock} (what a node
 * without a chain announces and answers); {@link org.jdevp2p.rlpx.eth.EthVersion}, {@link
 * org.jdevp2p.rlpx.eth.EthCodec}, {@link org.jdevp2p.rlpx.eth.InvalidEthMessageException}, the
 * messages ({@link org.jdevp2p.rlpx.eth.EthMessage} and its records {@link
 * org.jdevp2p.rlpx.eth.Status} ({@link org.jdevp2p.rlpx.eth.Status68}, {@link
 * org.jdevp2p.rlpx.eth.Status69}), {@link org.jdevp2p.rlpx.eth.NewBlockHashes}, {@link
 * org.jdevp2p.rlpx.eth.Transactions}, {@link org.jdevp2p.rlpx.eth.GetBlockHeaders}, {@link
 * org.jdevp2p.rlpx.eth.BlockHeaders}, {@link org.jdevp2p.rlpx.eth.GetBlockBodies}, {@link
 * org.jdevp2p.rlpx.eth.BlockBodies}, {@link org.jdevp2p.rlpx.eth.NewBlock}, {@link
 * org.jdevp2p.rlpx.eth.NewPooledTransactionHashes}, {@link
 * org.jdevp2p.rlpx.eth.NewPooledTransactionHashes72}, {@link
 * org.jdevp2p.rlpx.eth.GetPooledTransactions}, {@link org.jdevp2p.rlpx.eth.PooledTransactions},
 * {@link org.jdevp2p.rlpx.eth.GetReceipts}, {@link org.jdevp2p.rlpx.eth.GetReceipts70}, {@link
 * org.jdevp2p.rlpx.eth.Receipts}, {@link org.jdevp2p.rlpx.eth.Receipts70}, {@link
 * org.jdevp2p.rlpx.eth.BlockRangeUpdate}, {@link org.jdevp2p.rlpx.eth.GetBlockAccessLists}, {@link
 * org.jdevp2p.rlpx.eth.BlockAccessLists}, {@link org.jdevp2p.rlpx.eth.GetCells}, {@link
 * org.jdevp2p.rlpx.eth.Cells}) and their parts {@link org.jdevp2p.rlpx.eth.BlockRange}, {@link
 * org.jdevp2p.rlpx.eth.CellMask} and {@link org.jdevp2p.rlpx.eth.CellsLayout}.
 */
package org.jdevp2p.rlpx.eth;
