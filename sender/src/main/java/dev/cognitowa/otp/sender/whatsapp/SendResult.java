package dev.cognitowa.otp.sender.whatsapp;

import java.time.Duration;
import java.util.Optional;

/** What one Cloud API request came back with. */
public sealed interface SendResult {

  /**
   * True when the message may have reached Meta though no message id came back: the connection
   * failed after the request was sent, or a 2xx came without an id. Such an outcome is unknown,
   * never a success.
   */
  default boolean outcomeUnknown() {
    return this instanceof NetworkFailure failure
        ? failure.requestSent()
        : this instanceof Rejected rejected && rejected.httpStatus() / 100 == 2;
  }

  /** 2xx with {@code messages[0].id}. */
  record Accepted(String messageId) implements SendResult {}

  /**
   * Graph answered with an error (or a 2xx without a message id).
   *
   * @param httpStatus the HTTP status
   * @param errorCode Graph's {@code error.code}, or null when the body had none (an HTML 502, say)
   * @param description a short safe description: Graph's error type and title, never the request
   * @param retryAfter the {@code Retry-After} header, when present
   */
  record Rejected(
      int httpStatus, Integer errorCode, String description, Optional<Duration> retryAfter)
      implements SendResult {}

  /**
   * No HTTP answer: connect refused, reset, timeout.
   *
   * @param kind the exception's simple class name, e.g. SocketTimeoutException
   * @param requestSent true when it failed after the request was handed to the connection (it may
   *     have arrived)
   */
  record NetworkFailure(String kind, boolean requestSent) implements SendResult {
    /** A failure before anything was sent (connect refused or timed out). */
    public NetworkFailure(String kind) {
      this(kind, false);
    }
  }
}
