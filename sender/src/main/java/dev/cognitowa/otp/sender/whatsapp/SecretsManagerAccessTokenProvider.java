package dev.cognitowa.otp.sender.whatsapp;

import dev.cognitowa.otp.sender.support.BoundedCall;
import dev.cognitowa.otp.sender.support.Json;
import dev.cognitowa.otp.sender.support.SdkCallTimeouts;
import dev.cognitowa.otp.sender.support.Sensitive;
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
 * Reads the Cloud API token from Secrets Manager and keeps it in memory for a TTL, so a warm
 * container asks Secrets Manager once per TTL, not once per OTP. The secret is either the token
 * itself or JSON {@code {"accessToken": ...}}.
 *
 * <p>When Secrets Manager cannot be read, the cached token is still served up to {@link
 * #MAX_STALENESS} past its TTL, and Secrets Manager is asked again only after a backoff that
 * doubles per failure, from {@link #FIRST_BACKOFF} to {@link #MAX_BACKOFF}, instead of on every
 * event. Thread-safe.
 */
public final class SecretsManagerAccessTokenProvider implements AccessTokenProvider {
  static final String JSON_KEY = "accessToken";

  /**
   * How long past its TTL a cached token is still served while Secrets Manager fails. Meta's
   * system-user tokens live for months or never expire, and one rotated or revoked is refused by
   * Graph with error 190, which forces a reload: serving the last known token is safe. An hour
   * rides out a regional Secrets Manager incident, yet bounds how long a container runs on a token
   * nobody could confirm.
   */
  static final Duration MAX_STALENESS = Duration.ofHours(1);

  /** The first wait before asking again after a failure: a blip is retried soon. */
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);

  /**
   * The wait doubles per failure up to this, the default TTL: a recovered Secrets Manager is
   * noticed as soon.
   */
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private final SecretsManagerClient client;
  private final String secretId;
  private final Duration ttl;
  private final Clock clock;
  private final AtomicLong loads = new AtomicLong();
  private Sensitive cached;
  private Instant loadedAt = Instant.MIN;
  private int failures;
  private Instant nextTry = Instant.MIN;
  private WhatsAppAccessTokenException lastFailure;

  public SecretsManagerAccessTokenProvider(
      SecretsManagerClient client, String secretId, Duration ttl, Clock clock) {
    this.client = client;
    this.secretId = secretId;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public synchronized Sensitive token(Instant deadline) {
    Instant now = clock.instant();
    if (cached != null && now.isBefore(loadedAt.plus(ttl))) {
      return cached;
    }
    try {
      return now.isBefore(nextTry) ? stillBackingOff(now) : load(deadline);
    } catch (WhatsAppAccessTokenException e) {
      if (cached != null && now.isBefore(loadedAt.plus(ttl).plus(MAX_STALENESS))) {
        return cached; // stale but known: Graph says 190 if it is not good any more
      }
      throw e;
    }
  }

  /**
   * Loads again after Graph refused the cached token; while backing off, fails at once with the
   * last failure.
   */
  @Override
  public synchronized Sensitive refresh(Instant deadline) {
    Instant now = clock.instant();
    return now.isBefore(nextTry) ? stillBackingOff(now) : load(deadline);
  }

  /** GetSecretValue calls made so far (the benchmark checks there are none inside the TTL). */
  public long loadCount() {
    return loads.get();
  }

  private Sensitive stillBackingOff(Instant now) {
    long seconds = Math.max(1, Duration.between(now, nextTry).toSeconds());
    throw new WhatsAppAccessTokenException(
        lastFailure.getMessage() + " (Secrets Manager is asked again in " + seconds + " s)",
        lastFailure.isTransient());
  }

  private Sensitive load(Instant deadline) {
    try {
      Sensitive token = Sensitive.of(tokenFrom(fetch(deadline)));
      cached = token;
      loadedAt = clock.instant();
      failures = 0;
      nextTry = Instant.MIN;
      return token;
    } catch (WhatsAppAccessTokenException e) {
      failures++;
      long factor = 1L << Math.min(failures - 1, 10);
      Duration backoff = FIRST_BACKOFF.multipliedBy(factor);
      nextTry = clock.instant().plus(backoff.compareTo(MAX_BACKOFF) < 0 ? backoff : MAX_BACKOFF);
      lastFailure = e;
      throw e;
    }
  }

  private String fetch(Instant deadline) {
    loads.incrementAndGet();
    Duration left = Duration.between(clock.instant(), deadline);
    try {
      return BoundedCall.within(
          left,
          () ->
              client
                  .getSecretValue(
                      r -> r.secretId(secretId).overrideConfiguration(SdkCallTimeouts.within(left)))
                  .secretString(),
          () -> {});
    } catch (BoundedCall.DeadlineExceededException e) {
      throw new WhatsAppAccessTokenException(
          "Secrets Manager did not answer in time for " + secretId, true);
    } catch (SecretsManagerException e) {
      int status = e.statusCode();
      throw new WhatsAppAccessTokenException(
          "cannot read secret "
              + secretId
              + ": "
              + (e.awsErrorDetails() == null ? "HTTP " + status : e.awsErrorDetails().errorCode()),
          status == 429 || status >= 500 || e.isThrottlingException());
    } catch (SdkClientException e) {
      throw new WhatsAppAccessTokenException("cannot reach Secrets Manager for " + secretId, true);
    } catch (SdkException e) {
      throw new WhatsAppAccessTokenException(
          "cannot read secret " + secretId + ": " + e.getClass().getSimpleName(), false);
    }
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
      if (json instanceof Map<?, ?> map
          && map.get(JSON_KEY) instanceof String token
          && !token.isBlank()) {
        return token.strip();
      }
    } catch (IOException e) {
      throw new WhatsAppAccessTokenException(
          "secret " + secretId + " looks like JSON but does not parse", false);
    }
    throw new WhatsAppAccessTokenException(
        "secret " + secretId + " is JSON without a non-empty \"" + JSON_KEY + "\"", false);
  }
}
