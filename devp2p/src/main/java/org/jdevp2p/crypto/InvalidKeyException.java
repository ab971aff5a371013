package org.jdevp2p.crypto;

/** A key or signature from outside is malformed: wrong length, not on the curve, out of range. */
public final class InvalidKeyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidKeyException(String message) {
    super(message);
  }
}
