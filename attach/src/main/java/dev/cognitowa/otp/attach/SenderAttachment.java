package dev.cognitowa.otp.attach;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CustomSMSLambdaVersionConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;

/**
 * What attach sets on a pool: the custom SMS sender's function (the alias ARN) and the KMS key
 * Cognito encrypts the codes with. Either may be null when read from a pool that has only one.
 */
public record SenderAttachment(String functionArn, String keyArn) {

  /**
   * A Lambda function ARN, optionally qualified by an alias or version (the pattern of
   * CustomSMSLambdaVersionConfigType's LambdaArn, narrowed to Lambda).
   */
  private static final Pattern FUNCTION_ARN =
      Pattern.compile(
          "arn:aws[a-zA-Z-]*:lambda:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:function:[A-Za-z0-9_-]{1,64}"
              + "(:[A-Za-z0-9_$-]{1,128})?");

  /** What the pool's LambdaConfig names today; empty when it names neither. */
  public static Optional<SenderAttachment> of(LambdaConfigType config) {
    if (config == null) {
      return Optional.empty();
    }
    String function =
        config.customSMSSender() == null ? null : config.customSMSSender().lambdaArn();
    return function == null && config.kmsKeyID() == null
        ? Optional.empty()
        : Optional.of(new SenderAttachment(function, config.kmsKeyID()));
  }

  /**
   * Checks the shape of the function ARN before anything is read.
   *
   * @throws AttachRefusedException when the function ARN is not a Lambda function's ARN
   */
  static void checkFunctionArn(String functionArn) {
    if (functionArn == null || !FUNCTION_ARN.matcher(functionArn).matches()) {
      throw new AttachRefusedException(
          "--function must be the sender alias's ARN (arn:aws:lambda:<region>:<account>:function:"
              + "<name>:<alias>, the stack's FunctionAliasArn output), was "
              + (functionArn == null ? "nothing" : "'" + functionArn + "'"));
    }
  }

  /** The pool's LambdaConfig with this sender and key set and every other trigger kept. */
  LambdaConfigType applyTo(LambdaConfigType current) {
    LambdaConfigType.Builder builder =
        current == null ? LambdaConfigType.builder() : current.toBuilder();
    return builder
        .customSMSSender(
            CustomSMSLambdaVersionConfigType.builder()
                .lambdaVersion(PoolAttacher.LAMBDA_VERSION)
                .lambdaArn(functionArn)
                .build())
        .kmsKeyID(keyArn)
        .build();
  }

  boolean sameFunction(SenderAttachment other) {
    return Objects.equals(functionArn, other.functionArn);
  }

  boolean sameKey(SenderAttachment other) {
    return Objects.equals(keyArn, other.keyArn);
  }
}
