package org.jdevp2p.enr;

/** A node record that must not be used: malformed, too large, or not signed by its key. */
public final class InvalidRecordException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidRecordException(String message) {
    super(message);
  }
}
