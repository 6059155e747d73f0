package dev.cognitowa.otp.sender.whatsapp;

import java.time.Duration;
import java.util.Optional;

/** What one Cloud API request came back with. */
public sealed interface SendResult {

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
  record Rejected(int httpStatus, Integer errorCode, String description, Optional<Duration> retryAfter)
      implements SendResult {}

  /**
   * No HTTP answer: connect refused, reset, timeout.
   *
   * @param kind the exception's simple class name, e.g. SocketTimeoutException
   */
  record NetworkFailure(String kind) implements SendResult {}
}
