package dev.cognitowa.otp.sender.tracking;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.idempotency.DeliveryLedgerUnavailableException;
import java.time.Duration;
import java.time.Instant;

/**
 * Messages sent while a later channel was left, kept for the fallback window so that a late {@code
 * failed} status sends the same code by that later channel, exactly once. Messages are named by
 * their reference ({@link dev.cognitowa.otp.sender.delivery.MessageRef}), never the raw id. What
 * identifies the person (ciphertext, number, user name) goes in the same write that settles the
 * message's fate: a delivery status, the fallback's result, or a status after the window. Every
 * method throws {@link DeliveryLedgerUnavailableException} when the store cannot answer in time.
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
   * Records a {@code delivered} or {@code read} status and forgets the ciphertext, number and user
   * name (one conditional write); false when the message is not known here.
   */
  boolean recordStatus(String messageRef, StatusKind status, Instant at);

  /**
   * Claims the right to send again after a {@code failed} status (one conditional write, plus a
   * read when it is declined): only while the window runs, only before any delivery status, only
   * once. A status after the window forgets the ciphertext, number and user name on its way out.
   *
   * @param failure how the status named the failure, e.g. {@code whatsapp:131026}
   * @param leaseUntil until when the claim holds if this invocation dies before {@link
   *     #markSending}
   */
  FallbackClaim claimFallback(String messageRef, String failure, Instant leaseUntil);

  /**
   * Records, right before the first paid send, that the claim's holder may be sending: from then on
   * the claim is never taken again, not even after its lease ends (the second message may be out),
   * unless its holder gives it back knowing nothing went out. False when the claim was taken over
   * (the holder must not send).
   */
  boolean markSending(FallbackClaim.Claimed claim);

  /**
   * Records how the second send ended and forgets the ciphertext, number and user name; false when
   * the claim was taken over (nothing written).
   */
  boolean recordFallback(FallbackClaim.Claimed claim, DeliveryOutcome outcome);

  /**
   * Gives the claim back when nothing was sent and a retry may fix it, so the next copy of the
   * status sends; false when it was not held any more.
   */
  boolean releaseFallback(FallbackClaim.Claimed claim);

  /** The statuses recorded without a fallback. */
  enum StatusKind {
    DELIVERED,
    READ
  }
}
