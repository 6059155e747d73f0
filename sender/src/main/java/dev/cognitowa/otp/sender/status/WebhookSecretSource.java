package dev.cognitowa.otp.sender.status;

import java.time.Instant;

/** Where the webhook secrets come from: the environment locally, Secrets Manager in AWS. */
@FunctionalInterface
public interface WebhookSecretSource {
  /**
   * The current secrets.
   *
   * @throws WebhookSecretException when they cannot be read now (a retry may succeed)
   */
  WebhookSecrets secrets(Instant deadline);
}
