package org.jdevp2p.rlpx.handshake;

import java.time.Duration;
import java.time.InstantSource;
import org.jdevp2p.rlpx.frame.FrameCodec;

/**
 * Settings of the handshake and of the connection it sets up. Build with {@link #builder()}; every
 * setting has the default documented on its constant.
 *
 * @param timeout how long the whole handshake may take before the connection is closed
 * @param expiryWindow how far in the future an auth's expiration may lie; our own auths expire half
 *     of it after they are made, leaving the other half for clock skew
 * @param requireExpiration strict mode: reject an auth that carries no expiration (for networks of
 *     our own nodes; geth sends none)
 * @param clock the time source of expiration checks and of the expiration we send
 * @param maxFrameSize the largest frame data this connection reads or writes
 */
public record HandshakeConfig(
    Duration timeout,
    Duration expiryWindow,
    boolean requireExpiration,
    InstantSource clock,
    int maxFrameSize) {

  /** geth p2p/transport.go handshakeTimeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** Our expiry window: long enough for ordinary clock skew, short enough to bound replays. */
  public static final Duration DEFAULT_EXPIRY_WINDOW = Duration.ofSeconds(30);

  /** The default and largest frame size: {@link FrameCodec#MAX_FRAME_SIZE}, geth's maxUint24. */
  public static final int MAX_FRAME_SIZE = FrameCodec.MAX_FRAME_SIZE;

  /**
   * Our auths expire half a window after they are made, in whole seconds: below 2 s that half would
   * be 0 s and every auth would expire as it is sent.
   */
  private static final long MIN_EXPIRY_WINDOW_SECONDS = 2;

  public HandshakeConfig {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("handshake timeout must be positive: " + timeout);
    }
    if (expiryWindow.toSeconds() < MIN_EXPIRY_WINDOW_SECONDS) {
      throw new IllegalArgumentException("expiry window must be at least 2 s: " + expiryWindow);
    }
    if (clock == null) throw new IllegalArgumentException("clock is null");
    if (maxFrameSize < 1 || maxFrameSize > MAX_FRAME_SIZE) {
      throw new IllegalArgumentException(
          "max frame size must lie in [1, " + MAX_FRAME_SIZE + "]: " + maxFrameSize);
    }
  }

  /** The defaults: 5 s timeout, 30 s window, expiration optional, system clock, 16 MiB frames. */
  public static HandshakeConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder with the documented defaults. */
  public static final class Builder {
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration expiryWindow = DEFAULT_EXPIRY_WINDOW;
    private boolean requireExpiration = false;
    private InstantSource clock = InstantSource.system();
    private int maxFrameSize = MAX_FRAME_SIZE;

    private Builder() {}

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder expiryWindow(Duration expiryWindow) {
      this.expiryWindow = expiryWindow;
      return this;
    }

    public Builder requireExpiration(boolean requireExpiration) {
      this.requireExpiration = requireExpiration;
      return this;
    }

    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    public Builder maxFrameSize(int maxFrameSize) {
      this.maxFrameSize = maxFrameSize;
      return this;
    }

    public HandshakeConfig build() {
      return new HandshakeConfig(timeout, expiryWindow, requireExpiration, clock, maxFrameSize);
    }
  }
}
