package org.jdevp2p.discv5;

import org.jdevp2p.enr.NodeRecord;

/**
 * Hears about changes of the node table. Called on the discovery event loop: return quickly and do
 * not block; hand longer work to another executor.
 */
public interface TableListener {

  /** A node proved its liveness and entered the table. */
  default void nodeAdded(NodeRecord node) {}

  /** A node left the table (it stopped answering, or a newer record replaced it). */
  default void nodeRemoved(NodeRecord node) {}
}
