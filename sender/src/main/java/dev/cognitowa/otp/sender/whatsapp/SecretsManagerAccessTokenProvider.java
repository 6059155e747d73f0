package dev.cognitowa.otp.sender.whatsapp;

import dev.cognitowa.otp.sender.Sensitive;
import dev.cognitowa.otp.sender.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads the Cloud API token from Secrets Manager and keeps it in memory for a TTL, so a warm container asks Secrets
 * Manager once per TTL, not once per OTP. The secret is either the token itself or JSON {@code {"accessToken": ...}}.
 * Thread-safe.
 */
public final class SecretsManagerAccessTokenProvider implements AccessTokenProvider {
  static final String JSON_KEY = "accessToken";

  private final SecretsManagerClient client;
  private final String secretId;
  private final Duration ttl;
  private final Clock clock;
  private final AtomicLong loads = new AtomicLong();
  private Sensitive cached;
  private Instant expires = Instant.MIN;

  public SecretsManagerAccessTokenProvider(SecretsManagerClient client, String secretId, Duration ttl, Clock clock) {
    this.client = client;
    this.secretId = secretId;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public synchronized Sensitive token() {
    if (cached == null || !clock.instant().isBefore(expires)) {
      return refresh();
    }
    return cached;
  }

  @Override
  public synchronized Sensitive refresh() {
    cached = load();
    expires = clock.instant().plus(ttl);
    return cached;
  }

  /** GetSecretValue calls made so far (the benchmark checks there are none inside the TTL). */
  public long loadCount() {
    return loads.get();
  }

  private Sensitive load() {
    loads.incrementAndGet();
    String secret;
    try {
      secret = client.getSecretValue(r -> r.secretId(secretId)).secretString();
    } catch (SecretsManagerException e) {
      int status = e.statusCode();
      throw new WhatsAppAccessTokenException("cannot read secret " + secretId + ": "
          + (e.awsErrorDetails() == null ? "HTTP " + status : e.awsErrorDetails().errorCode()),
          status == 429 || status >= 500);
    } catch (SdkClientException e) {
      throw new WhatsAppAccessTokenException("cannot reach Secrets Manager for " + secretId, true);
    } catch (SdkException e) {
      throw new WhatsAppAccessTokenException("cannot read secret " + secretId + ": " + e.getClass().getSimpleName(),
          false);
    }
    return Sensitive.of(tokenFrom(secret));
  }

  private String tokenFrom(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new WhatsAppAccessTokenException("secret " + secretId + " has no SecretString", false);
    }
    String trimmed = secret.strip();
    if (!trimmed.startsWith("{")) {
      return trimmed;
    }
    try {
      Object json = Json.read(trimmed.getBytes(StandardCharsets.UTF_8));
      if (json instanceof Map<?, ?> map && map.get(JSON_KEY) instanceof String token && !token.isBlank()) {
        return token.strip();
      }
    } catch (IOException e) {
      throw new WhatsAppAccessTokenException("secret " + secretId + " looks like JSON but does not parse", false);
    }
    throw new WhatsAppAccessTokenException("secret " + secretId + " is JSON without a non-empty \"" + JSON_KEY
        + "\"", false);
  }
}
