package org.jdevp2p.rlp;

/** Bytes that are not one canonical RLP item; the message says what is wrong. */
public final class InvalidRlpException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidRlpException(String message) {
    super(message);
  }
}
