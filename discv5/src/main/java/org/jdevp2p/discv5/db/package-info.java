/**
 * The node database of a long-running discovery node: the records it has seen, when each last
 * answered a PING and how often it failed, kept across restarts so the table can be seeded without
 * bootnodes (geth's {@code enode.DB}).
 *
 * <p>Public types: {@link org.jdevp2p.discv5.db.NodeDatabase}, {@link
 * org.jdevp2p.discv5.db.StoredNode} and {@link org.jdevp2p.discv5.db.NodeDatabaseException}.
 */
package org.jdevp2p.discv5.db;
