package org.jdevp2p.interop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a peer's answer and turns a failure into an assertion error carrying its words. */
final class Await {
  /**
   * One request's budget: every implementation here retries a lost packet within a few seconds
   * (ChainSafe 1 s x 2, Teku's retry timeout), and loopback loses none.
   */
  static final long REQUEST_TIMEOUT_SECONDS = 15;

  private Await() {}

  static <T> T done(CompletableFuture<T> future, String what) {
    try {
      return future.get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError(what + ": no answer in " + REQUEST_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(what + ": interrupted", e);
    }
  }
}
