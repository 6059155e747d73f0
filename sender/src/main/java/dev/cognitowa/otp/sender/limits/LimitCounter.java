package dev.cognitowa.otp.sender.limits;

import java.time.Instant;

/**
 * Counters that never pass their limit, whatever runs at the same time: one atomic
 * check-and-increment per call.
 */
public interface LimitCounter {
  /**
   * Adds one to the counter {@code id} if it is below {@code limit}.
   *
   * @param expiresAt when the counter may be forgotten (the end of its window)
   * @param deadline the call ends by then
   * @return true when counted; false when the counter had reached the limit (nothing changed)
   * @throws SendLimitsUnavailableException the store could not be asked
   */
  boolean tryAcquire(String id, int limit, Instant expiresAt, Instant deadline);

  /**
   * Takes back one acquired a moment ago, when a later limit refused the same send. Best effort: a
   * failure leaves the counter one too high, which errs on the strict side.
   */
  void release(String id, Instant deadline);
}
