package dev.cognitowa.otp.sender.conversion;

import java.time.Duration;
import java.time.Instant;

/**
 * A send whose code was used.
 *
 * @param send the send, as recorded
 * @param family the family it was recorded under
 * @param verifiedAt when the trigger proved it
 */
public record Verified(SendRecord send, SourceFamily family, Instant verifiedAt) {
  /** From the send to the proof; never negative. */
  public Duration timeToVerify() {
    Duration time = Duration.between(send.sentAt(), verifiedAt);
    return time.isNegative() ? Duration.ZERO : time;
  }
}
