package org.jdevp2p.discv5;

/** Why a request of ours failed; the futures of {@link Discovery} complete with it. */
public final class DiscoveryException extends RuntimeException {

  /** What went wrong. */
  public enum Reason {
    /** No (complete) response within the request timeout. */
    TIMEOUT,
    /** Too many requests to this node are already pending. */
    TOO_MANY_PENDING,
    /** The node's record has no endpoint in an address family we listen on. */
    NO_ENDPOINT,
    /** The response arrived but broke the protocol (e.g. FINDNODE 0 without the record). */
    BAD_RESPONSE,
    /** A topic request to a node whose record does not carry the topic-discovery entry. */
    NOT_TOPIC_CAPABLE,
    /** Topic discovery is turned off in this node's configuration. */
    TOPICS_DISABLED,
    /** The node was closed. */
    CLOSED
  }

  private final Reason reason;

  DiscoveryException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
