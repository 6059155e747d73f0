package dev.cognitowa.otp.sender.whatsapp;

/**
 * Thrown when the Cloud API access token cannot be loaded; the message names the secret, never its
 * content.
 */
public class WhatsAppAccessTokenException extends RuntimeException {
  private final boolean transientFailure;

  public WhatsAppAccessTokenException(String message, boolean transientFailure) {
    super(message);
    this.transientFailure = transientFailure;
  }

  /** True when trying again later may work (Secrets Manager unreachable or throttling). */
  public boolean isTransient() {
    return transientFailure;
  }
}
