package dev.cognitowa.otp.sender.delivery;

/**
 * Thrown by the handler when a delivery finally failed, so Lambda's asynchronous retries and
 * on-failure destination see it. The message names the failure kind and provider code, never the
 * code or number.
 */
public class DeliveryFailedException extends RuntimeException {
  private final transient DeliveryOutcome.Failed outcome;

  public DeliveryFailedException(DeliveryOutcome.Failed outcome) {
    super(
        "delivery over "
            + outcome.channel()
            + " failed after "
            + outcome.attempts()
            + " attempt(s): "
            + outcome.kind()
            + (outcome.errorCode() == null ? "" : " (error " + outcome.errorCode() + ")")
            + ": "
            + outcome.reason()
            + (outcome.earlierFailures().isEmpty()
                ? ""
                : "; earlier: " + String.join(", ", outcome.fallbackFrom())));
    this.outcome = outcome;
  }

  public DeliveryOutcome.Failed outcome() {
    return outcome;
  }
}
