package dev.cognitowa.otp.sender.eum;

import dev.cognitowa.otp.sender.support.BoundedCall;
import dev.cognitowa.otp.sender.whatsapp.ErrorClassifier;
import dev.cognitowa.otp.sender.whatsapp.ErrorClassifier.Verdict;
import dev.cognitowa.otp.sender.whatsapp.SendResult;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.socialmessaging.model.SendWhatsAppMessageResponse;

/**
 * What one SendWhatsAppMessage came back with, as the Cloud API channel's {@link SendResult} (so
 * that {@link ErrorClassifier} and the retry policy apply unchanged) plus the verdict for it.
 *
 * <p>Every EUM error shape carries only a {@code message} (SDK 2.40.2 model), so a Meta error code
 * EUM passes through can only be in that text; it is looked for in Graph's own forms, {@code
 * (#131026)} and {@code "code":131026}. With one, the answer is classified exactly as a Graph
 * answer with that code. Without one, by the AWS error:
 *
 * <ul>
 *   <li>ThrottledRequestException (429), InternalServiceException (500), DependencyException (502:
 *       EUM could not reach Meta; the model marks all three retryable), any throttling code, any
 *       other 5xx: transient;
 *   <li>AccessDeniedException (IAM lacks social-messaging:SendWhatsAppMessage),
 *       AccessDeniedByMetaException (Meta refused the account), ResourceNotFoundException (no such
 *       origination number in this account and region): configuration, which no retry fixes;
 *   <li>ValidationException, InvalidParametersException, anything else: rejected.
 * </ul>
 *
 * Descriptions hold the AWS error code and status only, never the message (it may quote the
 * request).
 */
record EumAnswer(SendResult result, Verdict verdict) {
  /**
   * Graph's forms of an error code inside a message: "(#131026) ..." and a JSON {@code "code":
   * 131026}.
   */
  private static final Pattern META_CODE =
      Pattern.compile("\\(#(\\d{1,7})\\)|\"code\"\\s*:\\s*\"?(\\d{1,7})");

  static EumAnswer of(SendWhatsAppMessageResponse response) {
    String id = response.messageId();
    if (id == null
        || id.isBlank()) { // outcome unknown: retried like a transient error, as the Cloud API's is
      return new EumAnswer(
          new SendResult.Rejected(200, null, "accepted without a message id", Optional.empty()),
          Verdict.TRANSIENT);
    }
    return new EumAnswer(new SendResult.Accepted(id), Verdict.ACCEPTED);
  }

  static EumAnswer of(SdkException failure) {
    if (failure instanceof AwsServiceException service) {
      return ofService(service);
    }
    return new EumAnswer(
        new SendResult.NetworkFailure(kind(failure), mayHaveArrived(failure)), Verdict.TRANSIENT);
  }

  static EumAnswer timedOut() {
    return new EumAnswer(
        new SendResult.NetworkFailure(
            BoundedCall.DeadlineExceededException.class.getSimpleName(), true),
        Verdict.TRANSIENT);
  }

  private static EumAnswer ofService(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    String awsCode =
        details != null && details.errorCode() != null
            ? details.errorCode()
            : e.getClass().getSimpleName();
    int status = e.statusCode();
    Integer metaCode = metaCode(details == null ? null : details.errorMessage());
    if (metaCode != null) {
      SendResult result = new SendResult.Rejected(status, metaCode, awsCode, Optional.empty());
      Verdict verdict = ErrorClassifier.classify(result);
      // 190 is about the Meta token EUM keeps for the account: nothing this function can reload.
      return new EumAnswer(
          result, verdict == Verdict.TOKEN_EXPIRED ? Verdict.CONFIGURATION : verdict);
    }
    if (e.isThrottlingException() || awsCode.contains("Throttl")) {
      status = 429; // the retry policy retries by status when there is no Graph code
    }
    SendResult result = new SendResult.Rejected(status, null, awsCode, Optional.empty());
    if (awsCode.equals("ResourceNotFoundException") || awsCode.startsWith("AccessDenied")) {
      return new EumAnswer(result, Verdict.CONFIGURATION);
    }
    return new EumAnswer(result, ErrorClassifier.classify(result));
  }

  static Integer metaCode(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = META_CODE.matcher(message);
    if (!m.find()) {
      return null;
    }
    return Integer.valueOf(m.group(1) != null ? m.group(1) : m.group(2));
  }

  private static String kind(Throwable failure) {
    Throwable cause = failure.getCause();
    return cause != null && failure.getClass().getSimpleName().equals("SdkClientException")
        ? cause.getClass().getSimpleName()
        : failure.getClass().getSimpleName();
  }

  /** False only when the connection was never made, so nothing can have reached EUM. */
  private static boolean mayHaveArrived(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException) {
        return false;
      }
    }
    return true;
  }
}
