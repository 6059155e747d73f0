package dev.cognitowa.otp.attach;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** One line for an AWS failure: the service's error code and message, or the client's. */
public final class AwsErrors {
  private AwsErrors() {}

  /** A client-side message longer than this is cut: the credential chain's lists every provider. */
  static final int MAX_CLIENT_MESSAGE = 200;

  public static String describe(SdkException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      return aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage();
    }
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Unable to load credentials")) {
      return "no AWS credentials found (the SDK's default chain: AWS_PROFILE, AWS_ACCESS_KEY_ID and"
          + " AWS_SECRET_ACCESS_KEY, SSO, a role)";
    }
    return e.getClass().getSimpleName()
        + ": "
        + (message.length() > MAX_CLIENT_MESSAGE
            ? message.substring(0, MAX_CLIENT_MESSAGE) + "..."
            : message);
  }
}
