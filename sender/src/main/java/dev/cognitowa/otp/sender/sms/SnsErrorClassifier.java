package dev.cognitowa.otp.sender.sms;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Sorts SNS {@code Publish} errors (query protocol error codes) by what an operator or the chain
 * should do.
 */
final class SnsErrorClassifier {
  /**
   * Throttled by SNS or by the KMS key of an encrypted topic: nothing was sent, a later request may
   * pass.
   */
  static final Set<String> TRANSIENT = Set.of("Throttling", "ThrottlingException", "KMSThrottling");

  /** Permissions, credentials, KMS keys and missing resources: an operator must fix them. */
  static final Set<String> CONFIGURATION =
      Set.of(
          "AuthorizationError",
          "InvalidSecurity",
          "InvalidClientTokenId",
          "SignatureDoesNotMatch",
          "NotFound",
          "KMSAccessDenied",
          "KMSDisabled",
          "KMSInvalidState",
          "KMSNotFound",
          "KMSOptInRequired");

  /**
   * SNS names the parameter in its message ("Invalid parameter: PhoneNumber Reason: ..."); only its
   * name is kept.
   */
  static final String PHONE_PARAMETER = "PhoneNumber";

  private SnsErrorClassifier() {}

  static AttemptFailure classify(RuntimeException e) {
    if (e instanceof AwsServiceException service
        && TRANSIENT.contains(AttemptFailure.errorCode(service))) {
      return new AttemptFailure(FailureKind.TRANSIENT_EXHAUSTED, AttemptFailure.errorCode(service));
    }
    AttemptFailure common = AttemptFailure.common(e);
    if (common != null) {
      return common;
    }
    if (!(e instanceof AwsServiceException service)) {
      return new AttemptFailure(
          FailureKind.REJECTED, "unexpected: " + e.getClass().getSimpleName());
    }
    String code = AttemptFailure.errorCode(service);
    if (CONFIGURATION.contains(code)) {
      return new AttemptFailure(FailureKind.CONFIGURATION, code);
    }
    boolean aboutPhone =
        (code.equals("InvalidParameter") || code.equals("ParameterValueInvalid"))
            && service.awsErrorDetails() != null
            && service.awsErrorDetails().errorMessage() != null
            && service.awsErrorDetails().errorMessage().contains(PHONE_PARAMETER);
    return aboutPhone
        ? new AttemptFailure(FailureKind.RECIPIENT_UNREACHABLE, code + " " + PHONE_PARAMETER)
        : new AttemptFailure(FailureKind.REJECTED, code);
  }
}
