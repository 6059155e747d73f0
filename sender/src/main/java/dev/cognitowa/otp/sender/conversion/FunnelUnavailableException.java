package dev.cognitowa.otp.sender.conversion;

/** Thrown when the funnel's counters cannot be read or written in time. */
public final class FunnelUnavailableException extends RuntimeException {
  public FunnelUnavailableException(String message) {
    super(message, null, false, false);
  }
}
