package dev.cognitowa.otp.cli.templates;

/**
 * Thrown when the templates of an account cannot be read: unreachable, token refused, permission
 * missing, rate-limited. The message names the error and a remedy, never the token.
 */
public class TemplateApiException extends RuntimeException {
  public TemplateApiException(String message) {
    super(message);
  }
}
