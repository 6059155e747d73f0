package dev.cognitowa.otp.sender.status;

/**
 * Thrown when the webhook secrets cannot be read (Secrets Manager unreachable, the secret missing
 * or unreadable); the message names the secret, never its value.
 */
public class WebhookSecretException extends RuntimeException {
  public WebhookSecretException(String message) {
    super(message);
  }
}
