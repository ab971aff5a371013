package org.jdevp2p.discv5.db;

/** The node database file could not be opened or written. */
public final class NodeDatabaseException extends RuntimeException {
  NodeDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
