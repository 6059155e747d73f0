package dev.cognitowa.otp.sender.idempotency;

import java.time.Instant;

/**
 * Thrown by the handler when another invocation holds a live claim on the same event: nothing was
 * sent, and a retry after {@code leaseUntil} finds the outcome recorded (or the claim free).
 */
public class DeliveryInProgressException extends RuntimeException {
  public DeliveryInProgressException(Instant leaseUntil) {
    this(
        "another invocation is delivering this event (its claim runs until "
            + leaseUntil
            + "); nothing sent");
  }

  private DeliveryInProgressException(String message) {
    super(message);
  }

  /** A copy carrying only the message, for the handler's cause-free rethrow. */
  public DeliveryInProgressException copy() {
    return new DeliveryInProgressException(getMessage());
  }
}
