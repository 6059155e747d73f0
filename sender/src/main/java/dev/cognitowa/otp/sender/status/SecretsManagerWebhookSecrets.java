package dev.cognitowa.otp.sender.status;

import dev.cognitowa.otp.sender.support.Json;
import dev.cognitowa.otp.sender.support.SdkCallTimeouts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads the webhook secrets from Secrets Manager ({@code WHATSAPP_APP_SECRET_SECRET_ID}) and keeps
 * them for {@link #TTL}: JSON {@code {"appSecret": ..., "verifyToken": ...}}, or a plain string,
 * which is the app secret alone (then the subscription check is refused). While Secrets Manager
 * fails, the last value read is served up to {@link #MAX_STALENESS} past its TTL. Thread-safe.
 */
public final class SecretsManagerWebhookSecrets implements WebhookSecretSource {
  static final String APP_SECRET_KEY = "appSecret";
  static final String VERIFY_TOKEN_KEY = "verifyToken";

  /**
   * Five minutes, as for the access token: a rotated app secret is picked up soon, and a busy
   * function asks Secrets Manager about once per TTL, not once per webhook.
   */
  static final Duration TTL = Duration.ofMinutes(5);

  /**
   * Meta signs with one app secret at a time; an hour rides out a Secrets Manager incident, during
   * which a status signed with the last known secret is still believed.
   */
  static final Duration MAX_STALENESS = Duration.ofHours(1);

  private final SecretsManagerClient client;
  private final String secretId;
  private final Clock clock;
  private WebhookSecrets cached;
  private Instant loadedAt = Instant.MIN;

  public SecretsManagerWebhookSecrets(SecretsManagerClient client, String secretId, Clock clock) {
    this.client = client;
    this.secretId = secretId;
    this.clock = clock;
  }

  @Override
  public synchronized WebhookSecrets secrets(Instant deadline) {
    Instant now = clock.instant();
    if (cached != null && now.isBefore(loadedAt.plus(TTL))) {
      return cached;
    }
    try {
      cached = parse(fetch(deadline));
      loadedAt = now;
      return cached;
    } catch (WebhookSecretException e) {
      if (cached != null && now.isBefore(loadedAt.plus(TTL).plus(MAX_STALENESS))) {
        return cached;
      }
      throw e;
    }
  }

  private String fetch(Instant deadline) {
    Duration left = Duration.between(clock.instant(), deadline);
    try {
      return client
          .getSecretValue(
              r -> r.secretId(secretId).overrideConfiguration(SdkCallTimeouts.within(left)))
          .secretString();
    } catch (SdkException e) {
      throw new WebhookSecretException(
          "cannot read secret " + secretId + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private WebhookSecrets parse(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new WebhookSecretException("secret " + secretId + " has no SecretString");
    }
    String trimmed = secret.strip();
    if (!trimmed.startsWith("{")) {
      return WebhookSecrets.of(trimmed, null);
    }
    try {
      if (Json.read(trimmed.getBytes(StandardCharsets.UTF_8)) instanceof Map<?, ?> map) {
        return WebhookSecrets.of(text(map.get(APP_SECRET_KEY)), text(map.get(VERIFY_TOKEN_KEY)));
      }
    } catch (IOException e) {
      // reported below, without the value
    }
    throw new WebhookSecretException("secret " + secretId + " looks like JSON but does not parse");
  }

  private static String text(Object value) {
    return value instanceof String s ? s : null;
  }
}
