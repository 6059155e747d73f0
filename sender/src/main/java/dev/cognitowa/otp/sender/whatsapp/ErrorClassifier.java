package dev.cognitowa.otp.sender.whatsapp;

import java.util.Set;

/**
 * Decides what a Cloud API answer means, by Graph's {@code error.code} first (Meta: build error
 * handling around the code, not the HTTP status, which differs between sources for the same code)
 * and by HTTP status only when there is no code.
 */
public final class ErrorClassifier {
  /** Throttling and passing server trouble: the same request may succeed later. */
  static final Set<Integer> TRANSIENT =
      Set.of(
          1, // API Unknown: possibly a server error
          2, // API Service: temporary downtime or overload
          4, // API Too Many Calls: app-level rate limit
          17, // API User Too Many Calls
          341, // Application limit reached
          613, // Calls to this API have exceeded the rate limit
          80007, // WhatsApp Business Account rate limit
          130429, // Cloud API throughput reached (80 msg/s per number by default)
          131000, // Something went wrong
          131016, // Service unavailable
          131056, // pair rate limit: too many messages to this recipient in a short time
          131057, // account in maintenance mode
          133004); // server temporarily unavailable

  /**
   * The rate limits among {@link #TRANSIENT}: Graph refused the request before any message left, so
   * a retry can neither cost a message nor put a second one on the phone. A burst meets them by
   * design (80 messages/s per number, about one per 6 s per recipient), so they are waited out
   * until the deadline rather than counted as failed attempts.
   */
  static final Set<Integer> RATE_LIMITS = Set.of(4, 17, 341, 613, 80007, 130429, 131056);

  /** The token is expired or invalid: reload it once. */
  public static final int TOKEN_EXPIRED = 190;

  /** This recipient cannot get the message from us: candidates for another channel. */
  static final Set<Integer> RECIPIENT =
      Set.of(
          131026, // message undeliverable (not on WhatsApp, old app, terms not accepted)
          130497, // business restricted from messaging users in this country
          131021); // recipient is the sender

  /**
   * Token, permission, template or account set-up: an operator has to act. This includes the
   * account being blocked (368, temporarily for policy violations) or locked (131031): every
   * message fails until it is resolved, which is an alarm for operators, not a verdict on one
   * message.
   */
  static final Set<Integer> CONFIGURATION =
      Set.of(
          0, 3, 10, 368, 131005, 131031, 131042, 131045, 132000, 132001, 132005, 132007, 132012,
          132015, 132016, 133010);

  private ErrorClassifier() {}

  /** What to do about one answer. */
  public enum Verdict {
    ACCEPTED,
    TRANSIENT,
    TOKEN_EXPIRED,
    RECIPIENT_UNREACHABLE,
    CONFIGURATION,
    REJECTED
  }

  /**
   * True when Graph refused the request for a rate limit: nothing was sent, and the same request
   * may pass later.
   */
  public static boolean isRateLimited(SendResult result) {
    return result instanceof SendResult.Rejected rejected
        && rejected.errorCode() != null
        && RATE_LIMITS.contains(rejected.errorCode());
  }

  public static Verdict classify(SendResult result) {
    if (result instanceof SendResult.Accepted) {
      return Verdict.ACCEPTED;
    }
    if (result instanceof SendResult.NetworkFailure) {
      return Verdict.TRANSIENT;
    }
    SendResult.Rejected rejected = (SendResult.Rejected) result;
    Integer code = rejected.errorCode();
    int status = rejected.httpStatus();
    if (code == null) {
      if (status / 100 == 2) {
        return Verdict.TRANSIENT; // accepted without an id: outcome unknown, retried
        // (docs/explanation/reliability.md)
      }
      return status == 429 || status >= 500
          ? Verdict.TRANSIENT
          : status == 401 || status == 403 ? Verdict.CONFIGURATION : Verdict.REJECTED;
    }
    if (code == TOKEN_EXPIRED) {
      return Verdict.TOKEN_EXPIRED;
    }
    if (TRANSIENT.contains(code)) {
      return Verdict.TRANSIENT;
    }
    if (RECIPIENT.contains(code)) {
      return Verdict.RECIPIENT_UNREACHABLE;
    }
    if (CONFIGURATION.contains(code) || (code >= 200 && code <= 299)) {
      return Verdict.CONFIGURATION;
    }
    // An unknown code: trust a 5xx to be passing, anything else to be about the request.
    return status >= 500 ? Verdict.TRANSIENT : Verdict.REJECTED;
  }
}
