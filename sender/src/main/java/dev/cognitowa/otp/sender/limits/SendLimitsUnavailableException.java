package dev.cognitowa.otp.sender.limits;

/**
 * Thrown when the limit counters could not be asked (DynamoDB down, throttled past the call budget,
 * table or permission missing): nothing was sent, and the invocation fails so Lambda retries it.
 */
public class SendLimitsUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SendLimitsUnavailableException(String message) {
    super(message);
  }
}
