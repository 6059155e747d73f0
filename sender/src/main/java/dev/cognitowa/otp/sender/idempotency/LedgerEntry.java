package dev.cognitowa.otp.sender.idempotency;

import java.time.Instant;

/**
 * What the ledger holds for one event. Never the code, the ciphertext or a phone number.
 *
 * @param key the event's key
 * @param status where the delivery stands
 * @param owner the random token of the invocation that claimed it; only that invocation records the
 *     outcome
 * @param leaseUntil while {@code IN_PROGRESS}: the claimant's deadline, after which it sends
 *     nothing more
 * @param expiresAt when the entry stops counting (and DynamoDB's TTL deletes it); seconds precision
 * @param channel the channel that sent or failed last, or null while in progress
 * @param messageRef the provider's message id once sent, as its reference ({@link
 *     dev.cognitowa.otp.sender.delivery.MessageRef}), else null
 * @param attempts provider attempts made by the recording invocation, 0 while in progress
 * @param failureKind the failure kind's name once failed, else null
 * @param errorCode the provider's error code once failed, when it gave one
 */
public record LedgerEntry(
    DeliveryKey key,
    Status status,
    String owner,
    Instant leaseUntil,
    Instant expiresAt,
    String channel,
    String messageRef,
    int attempts,
    String failureKind,
    Integer errorCode) {

  /** The states of a delivery: claimed, then sent or failed. */
  public enum Status {
    /** Claimed by an invocation that may be sending now; others wait until its lease ends. */
    IN_PROGRESS,
    /** The provider accepted the message: the same event again sends nothing. */
    SENT,
    /**
     * The last invocation ended without an accepted message (outcome unknown included): a retry may
     * send.
     */
    FAILED
  }

  /**
   * Whether a new claim may replace this entry at {@code now}: the rule the DynamoDB condition
   * expression states, in the same units (a lease in milliseconds, an expiry in whole seconds).
   */
  public boolean isClaimableAt(Instant now) {
    return expiresAt.getEpochSecond() < now.getEpochSecond()
        || status == Status.FAILED
        || (status == Status.IN_PROGRESS && leaseUntil.toEpochMilli() < now.toEpochMilli());
  }
}
