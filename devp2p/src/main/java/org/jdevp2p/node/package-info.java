/**
 * Node identity and the contracts between discovery and transport.
 *
 * <p>Public types: {@link org.jdevp2p.node.NodeId}, {@link org.jdevp2p.node.Enode}, {@link
 * org.jdevp2p.node.NodeSource} (a stream of candidate nodes, with {@code of}, {@code filter} and
 * {@code fairMix}), {@link org.jdevp2p.node.NodeFilter} and {@link org.jdevp2p.node.NodeQueue} (a
 * bounded source a producer pushes into).
 */
package org.jdevp2p.node;
