package dev.cognitowa.otp.sender.idempotency;

/**
 * Thrown when the ledger cannot be read or written in time (DynamoDB unreachable, throttled, slow,
 * or the table or permission missing): before sending, the handler fails retryably rather than send
 * without the duplicate check.
 */
public class DeliveryLedgerUnavailableException extends RuntimeException {
  public DeliveryLedgerUnavailableException(String message) {
    super(message);
  }
}
