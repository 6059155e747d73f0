package dev.cognitowa.otp.sender.status;

import dev.cognitowa.otp.sender.support.Sensitive;
import java.util.Optional;

/**
 * The Meta app's webhook secrets.
 *
 * @param appSecret signs every POST ({@code X-Hub-Signature-256}); empty when not configured, and
 *     then every POST is refused
 * @param verifyToken answers Meta's subscription check (GET); empty when not configured, and then
 *     every check is refused
 */
public record WebhookSecrets(Optional<Sensitive> appSecret, Optional<Sensitive> verifyToken) {
  /**
   * What a stack deploys into the secret before anyone pastes the real value: counts as not
   * configured.
   */
  static final String PLACEHOLDER = "REPLACE_ME";

  /** The secrets from their raw values; blank or the placeholder counts as not configured. */
  public static WebhookSecrets of(String appSecret, String verifyToken) {
    return new WebhookSecrets(configured(appSecret), configured(verifyToken));
  }

  private static Optional<Sensitive> configured(String value) {
    if (value == null || value.isBlank() || PLACEHOLDER.equals(value.strip())) {
      return Optional.empty();
    }
    return Optional.of(Sensitive.of(value.strip()));
  }
}
