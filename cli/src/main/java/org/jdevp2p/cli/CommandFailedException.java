package org.jdevp2p.cli;

/** A command could not do its job; the message is the one line the user sees. */
final class CommandFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CommandFailedException(String message) {
    super(message);
  }
}
