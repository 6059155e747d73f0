package dev.cognitowa.otp.sender.idempotency;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers which events were delivered, so the same event again (Lambda's retry, a duplicate
 * invocation) sends nothing. Every method throws {@link DeliveryLedgerUnavailableException} when
 * the store cannot answer in time.
 */
public interface DeliveryLedger {
  /**
   * Entries count for 24 h after their last write: far beyond Lambda's longest asynchronous retry
   * window (6 h).
   */
  Duration ENTRY_TTL = Duration.ofHours(24);

  /**
   * Claims the event until {@code leaseUntil}, unless it was sent, or another invocation's lease is
   * still running. An expired lease, a failed attempt and an expired entry may all be claimed
   * again.
   */
  Claim claim(DeliveryKey key, Instant leaseUntil);

  /** Records the accepted message; false when the claim had been taken over (nothing written). */
  boolean markSent(Claim.Claimed claim, DeliveryOutcome.Delivered delivered);

  /**
   * Records the failure, which frees the event for a retry; false when the claim had been taken
   * over.
   */
  boolean markFailed(Claim.Claimed claim, DeliveryOutcome.Failed failed);

  /** The entry as stored, expired or not; empty when there is none. */
  Optional<LedgerEntry> get(DeliveryKey key);
}
