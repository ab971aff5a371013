/**
 * Node identity and the contracts between discovery and transport.
 *
 * <p>Public types: {@link org.jdevp2p.node.NodeId}, {@link org.jdevp2p.node.Enode}.
 */
package org.jdevp2p.node;
