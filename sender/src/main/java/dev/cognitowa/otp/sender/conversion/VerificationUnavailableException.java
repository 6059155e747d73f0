package dev.cognitowa.otp.sender.conversion;

/** Thrown when the verification ledger or the funnel counters cannot be written or read in time. */
public final class VerificationUnavailableException extends RuntimeException {
  public VerificationUnavailableException(String message) {
    super(message, null, false, false);
  }
}
