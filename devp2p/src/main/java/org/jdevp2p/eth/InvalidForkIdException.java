package org.jdevp2p.eth;

/**
 * A fork id or an ENR {@code eth} entry from outside is malformed: not canonical RLP, a fork hash
 * that is not 4 bytes, a fork next that is not a canonical uint64, elements missing or extra,
 * trailing bytes.
 */
public final class InvalidForkIdException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidForkIdException(String message) {
    super(message);
  }

  public InvalidForkIdException(String message, Throwable cause) {
    super(message, cause);
  }
}
