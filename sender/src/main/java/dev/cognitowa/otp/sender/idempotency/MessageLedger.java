package dev.cognitowa.otp.sender.idempotency;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import java.time.Duration;
import java.time.Instant;

/**
 * Messages sent while a later channel was left, kept for the fallback window so that a late {@code
 * failed} status sends the same code by that later channel, exactly once. Every method throws
 * {@link DeliveryLedgerUnavailableException} when the store cannot answer in time.
 */
public interface MessageLedger {
  /**
   * Kept past the window so a fallback claimed at its last moment, by a function running Lambda's
   * longest 15 minutes, still finds its item to record the result; then the phone number is gone.
   */
  Duration EXPIRY_MARGIN = Duration.ofMinutes(15);

  /**
   * How long after sending a late failure still sends again ({@code OTP_FALLBACK_WINDOW_SECONDS}).
   */
  Duration window();

  /**
   * Stores the message (one write), to expire at its send time + window + margin.
   *
   * @param deadline the call ends by then, though it always gets a few hundred milliseconds
   */
  void track(TrackedMessage message, Instant deadline);

  /**
   * Records a {@code delivered} or {@code read} status (one conditional write); false when the
   * message is not known here.
   */
  boolean recordStatus(String messageId, StatusKind status, Instant at);

  /**
   * Claims the right to send again after a {@code failed} status (one conditional write, plus a
   * read when it is declined): only while the window runs, only before any delivery status, only
   * once.
   *
   * @param failure how the status named the failure, e.g. {@code whatsapp:131026}
   * @param leaseUntil until when the claim holds if this invocation dies without recording
   */
  FallbackClaim claimFallback(String messageId, String failure, Instant leaseUntil);

  /** Records how the second send ended; false when the claim was taken over (nothing written). */
  boolean recordFallback(FallbackClaim.Claimed claim, DeliveryOutcome outcome);

  /**
   * Gives the claim back after a failure a retry may fix, so the next copy of the status sends;
   * false when it was not held any more.
   */
  boolean releaseFallback(FallbackClaim.Claimed claim);

  /** The statuses recorded without a fallback. */
  enum StatusKind {
    DELIVERED,
    READ
  }
}
