package dev.cognitowa.otp.cli.burst;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The context of one simulated invocation: its request id and the time left until the function's
 * timeout.
 */
final class SimulatedLambdaContext implements Context {
  private static final LambdaLogger DISCARD =
      new LambdaLogger() {
        @Override
        public void log(String message) {}

        @Override
        public void log(byte[] message) {}
      };

  private final String requestId;
  private final long deadlineNanos;

  /**
   * @param deadlineNanos the function's timeout, in {@link System#nanoTime()} time
   */
  SimulatedLambdaContext(String requestId, long deadlineNanos) {
    this.requestId = requestId;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/otp-sender";
  }

  @Override
  public String getLogStreamName() {
    return "burst";
  }

  @Override
  public String getFunctionName() {
    return "otp-sender";
  }

  @Override
  public String getFunctionVersion() {
    return "1";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:eu-west-1:111122223333:function:otp-sender:live";
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return DISCARD;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
  }
}
