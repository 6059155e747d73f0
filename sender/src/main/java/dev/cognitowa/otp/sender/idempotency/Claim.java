package dev.cognitowa.otp.sender.idempotency;

import java.time.Instant;

/** What {@link DeliveryLedger#claim} answered: go ahead, already sent, or someone else is on it. */
public sealed interface Claim {

  /**
   * This invocation holds the event until {@code leaseUntil} and must record the outcome.
   *
   * @param owner the random token that the ledger's conditional writes check
   */
  record Claimed(DeliveryKey key, String owner, Instant leaseUntil) implements Claim {}

  /** The event was sent before: send nothing, answer the recorded result. */
  record AlreadySent(LedgerEntry entry) implements Claim {}

  /** Another invocation holds a live claim: send nothing, fail retryably. */
  record InProgress(LedgerEntry entry) implements Claim {}
}
