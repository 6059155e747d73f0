package dev.cognitowa.otp.sender.tracking;

import java.time.Instant;

/**
 * What {@link MessageLedger#claimFallback} answered for a late {@code failed} status: send again
 * now, or why not.
 */
public sealed interface FallbackClaim {

  /**
   * This invocation alone may send the code again, until {@code leaseUntil}, and must record the
   * result (or release the claim).
   *
   * @param ref the ledger item's id ({@code msg#} and the message id's hash): safe to log
   * @param owner the random token that the recording and releasing writes check
   */
  record Claimed(TrackedMessage message, String ref, String owner, Instant leaseUntil)
      implements FallbackClaim {}

  /** Why nothing is to be sent. */
  record Declined(Reason reason) implements FallbackClaim {}

  /** Why a late failure sends nothing. */
  enum Reason {
    /** No item for this message id: not ours, sent without a later channel, or expired. */
    UNKNOWN,
    /** A {@code delivered} or {@code read} status came first: the code is on the phone. */
    AFTER_DELIVERY,
    /** Another status already claimed the fallback (sent, failed, or being sent now). */
    ALREADY_CLAIMED,
    /** The fallback window has passed: the code is past its useful life. */
    WINDOW_PASSED
  }
}
