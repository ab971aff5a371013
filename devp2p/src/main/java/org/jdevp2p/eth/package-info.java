/**
 * The eth protocol's view of a chain for devp2p: fork ids (EIP-2124), their validation, the chain
 * configs of mainnet and sepolia, and the ENR {@code eth} entry.
 *
 * <p>Public types: {@link org.jdevp2p.eth.ForkId}, {@link org.jdevp2p.eth.ChainConfig}, {@link
 * org.jdevp2p.eth.Fork}, {@link org.jdevp2p.eth.ForkFilter}, {@link org.jdevp2p.eth.EthEntry},
 * {@link org.jdevp2p.eth.EthNodeFilter} (which candidates to dial for eth) and {@link
 * org.jdevp2p.eth.InvalidForkIdException}.
 */
package org.jdevp2p.eth;
