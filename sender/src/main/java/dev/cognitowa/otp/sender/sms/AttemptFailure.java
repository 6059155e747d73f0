package dev.cognitowa.otp.sender.sms;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import dev.cognitowa.otp.sender.support.BoundedCall;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Why one SMS request failed: the kind the outcome will carry and a short reason made of AWS's
 * error code and reason enum only, never the error's message text (it may quote the phone number).
 */
record AttemptFailure(FailureKind kind, String reason) {

  /** True when the same request may succeed later (throttling, 5xx, network, no answer). */
  boolean retryable() {
    return kind == FailureKind.TRANSIENT_EXHAUSTED || kind == FailureKind.OUTCOME_UNKNOWN;
  }

  /**
   * What every AWS service has in common: timeouts, network failures, throttling and 5xx; null for
   * the rest.
   */
  static AttemptFailure common(RuntimeException e) {
    if (e instanceof BoundedCall.DeadlineExceededException) {
      return new AttemptFailure(FailureKind.OUTCOME_UNKNOWN, "no answer before the deadline");
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return new AttemptFailure(
          FailureKind.OUTCOME_UNKNOWN, "network: " + e.getClass().getSimpleName());
    }
    if (e instanceof SdkClientException) {
      return new AttemptFailure(
          FailureKind.TRANSIENT_EXHAUSTED, "network: " + e.getClass().getSimpleName());
    }
    if (e instanceof AwsServiceException s
        && (s.isThrottlingException() || s.statusCode() == 429 || s.statusCode() >= 500)) {
      return new AttemptFailure(FailureKind.TRANSIENT_EXHAUSTED, errorCode(s));
    }
    if (e instanceof AwsServiceException s
        && s.statusCode() == 403) { // credentials, signature or IAM policy
      return new AttemptFailure(FailureKind.CONFIGURATION, errorCode(s));
    }
    return null;
  }

  /**
   * AWS's error code, e.g. {@code ThrottlingException}, or the HTTP status when the answer had
   * none.
   */
  static String errorCode(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return code == null || code.isBlank() ? "HTTP " + e.statusCode() : code;
  }
}
