package dev.cognitowa.otp.sender.status;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;

/**
 * What one status led to.
 *
 * @param update the status
 * @param kind what was done
 * @param reason a short, safe explanation, or null
 * @param fallback how the second send ended, when there was one
 */
public record StatusResult(
    StatusUpdate update, Kind kind, String reason, DeliveryOutcome fallback) {

  static StatusResult of(StatusUpdate update, Kind kind) {
    return new StatusResult(update, kind, null, null);
  }

  static StatusResult of(StatusUpdate update, Kind kind, String reason) {
    return new StatusResult(update, kind, reason, null);
  }

  /** What a status led to. */
  public enum Kind {
    /** {@code delivered} or {@code read}, recorded on the message. */
    RECORDED,
    /** No tracked message with this id (not ours, no later channel, or past its expiry). */
    UNKNOWN,
    /** A status that needs nothing ({@code sent}, {@code deleted}, ...). */
    IGNORED,
    /** {@code failed} after {@code delivered} or {@code read}: the code is on the phone. */
    AFTER_DELIVERY,
    /** {@code failed} again: the fallback was claimed by an earlier copy of this status. */
    ALREADY_HANDLED,
    /** {@code failed} after the fallback window: the code is past its useful life. */
    WINDOW_PASSED,
    /** {@code failed}: the code went out again through a later channel. */
    FALLBACK_SENT,
    /** {@code failed}: the later channels could not send it either, and a retry would not help. */
    FALLBACK_FAILED,
    /**
     * Not handled now, and nothing kept from trying: the ledger or KMS was unreachable, or the
     * later channels failed transiently. The fallback's claim was given back, so a redelivery of
     * the status sends.
     */
    RETRY;

    /** Whether the whole request must fail so that Meta (or Lambda, for SNS) delivers it again. */
    public boolean wantsRetry() {
      return this == RETRY;
    }
  }
}
