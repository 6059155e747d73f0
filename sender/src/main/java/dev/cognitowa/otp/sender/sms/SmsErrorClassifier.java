package dev.cognitowa.otp.sender.sms;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.AccessDeniedException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.ConflictException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.ValidationException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.ValidationExceptionField;

/**
 * Sorts End User Messaging SMS {@code SendTextMessage} errors by what an operator or the channel
 * chain should do.
 */
final class SmsErrorClassifier {
  /** Conflicts about this one recipient: another channel may still reach them. */
  static final Set<String> RECIPIENT_CONFLICTS =
      Set.of(
          "DESTINATION_PHONE_NUMBER_OPTED_OUT",
          "DESTINATION_PHONE_NUMBER_NOT_VERIFIED",
          "DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION",
          "DESTINATION_PHONE_NUMBER_BLOCKED_BY_PROTECT_NUMBER_OVERRIDE");

  /** Validation failures about the destination rather than our request. */
  static final Set<String> RECIPIENT_VALIDATIONS =
      Set.of(
          "DESTINATION_COUNTRY_BLOCKED",
          "INVALID_IDENTITY_FOR_DESTINATION_COUNTRY",
          "COUNTRY_CODE_MISMATCH");

  /**
   * Validation failures an operator must fix: the sender id or a resource named in the settings.
   */
  static final Set<String> CONFIGURATION_VALIDATIONS =
      Set.of(
          "SENDER_ID_NOT_REGISTERED",
          "SENDER_ID_NOT_SUPPORTED",
          "SENDER_ID_REQUIRES_REGISTRATION",
          "INVALID_ARN",
          "RESOURCE_NOT_ACCESSIBLE");

  static final String DESTINATION_FIELD = "DestinationPhoneNumber";

  private SmsErrorClassifier() {}

  static AttemptFailure classify(RuntimeException e) {
    AttemptFailure common = AttemptFailure.common(e);
    if (common != null) {
      return common;
    }
    if (!(e instanceof AwsServiceException service)) {
      return new AttemptFailure(
          FailureKind.REJECTED, "unexpected: " + e.getClass().getSimpleName());
    }
    String code = AttemptFailure.errorCode(service);
    if (service instanceof ConflictException conflict) {
      String reason = conflict.reasonAsString();
      return new AttemptFailure(
          RECIPIENT_CONFLICTS.contains(reason)
              ? FailureKind.RECIPIENT_UNREACHABLE
              : FailureKind.CONFIGURATION,
          code + " " + reason);
    }
    if (service instanceof ValidationException validation) {
      String reason = validation.reasonAsString();
      boolean destination =
          validation.hasFields()
              && validation.fields().stream()
                  .map(ValidationExceptionField::name)
                  .anyMatch(DESTINATION_FIELD::equals);
      FailureKind kind =
          (destination || RECIPIENT_VALIDATIONS.contains(reason))
              ? FailureKind.RECIPIENT_UNREACHABLE
              : CONFIGURATION_VALIDATIONS.contains(reason)
                  ? FailureKind.CONFIGURATION
                  : FailureKind.REJECTED;
      return new AttemptFailure(
          kind, code + " " + reason + (destination ? " " + DESTINATION_FIELD : ""));
    }
    if (service instanceof ResourceNotFoundException notFound) {
      return new AttemptFailure(
          FailureKind.CONFIGURATION, code + " " + notFound.resourceTypeAsString());
    }
    if (service instanceof ServiceQuotaExceededException quota) {
      return new AttemptFailure(FailureKind.CONFIGURATION, code + " " + quota.reasonAsString());
    }
    if (service instanceof AccessDeniedException denied) {
      return new AttemptFailure(FailureKind.CONFIGURATION, code + " " + denied.reasonAsString());
    }
    return new AttemptFailure(FailureKind.REJECTED, code);
  }
}
