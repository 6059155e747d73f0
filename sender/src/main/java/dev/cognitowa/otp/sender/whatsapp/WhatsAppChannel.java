package dev.cognitowa.otp.sender.whatsapp;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import dev.cognitowa.otp.sender.delivery.MessageChannel;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.support.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Delivers through the WhatsApp Cloud API: one request per attempt, transient failures retried as
 * {@link RetryPolicy} says within the deadline, and an expired token (190) reloaded once and the
 * request repeated at once. Every request counts against {@code maxAttempts}, the one after a
 * reload included.
 */
public final class WhatsAppChannel implements MessageChannel {
  public static final String NAME = "whatsapp";

  private final CloudApiClient client;
  private final AccessTokenProvider tokens;
  private final RetryPolicy policy;
  private final Duration requestTimeout;
  private final Clock clock;
  private final Sleeper sleeper;

  public WhatsAppChannel(
      CloudApiClient client,
      AccessTokenProvider tokens,
      RetryPolicy policy,
      Duration requestTimeout,
      Clock clock,
      Sleeper sleeper) {
    this.client = client;
    this.tokens = tokens;
    this.policy = policy;
    this.requestTimeout = requestTimeout;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** The production channel: a JDK HTTP client, the system clock, real sleeps. */
  public static WhatsAppChannel create(WhatsAppSettings settings, AccessTokenProvider tokens) {
    return new WhatsAppChannel(
        new CloudApiClient(settings),
        tokens,
        new RetryPolicy(settings.maxAttempts()),
        settings.requestTimeout(),
        Clock.systemUTC(),
        Sleeper.REAL);
  }

  public CloudApiClient client() {
    return client;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Reseeds the retry jitter, so that containers restored from one snapshot do not retry in
   * lockstep.
   */
  @Override
  public void afterRestore() {
    policy.reseed();
  }

  @Override
  public DeliveryOutcome deliver(OtpMessage message, Instant deadline) {
    WhatsAppMessage body = WhatsAppMessage.from(message);
    AttemptBudget budget = new AttemptBudget(policy, clock, deadline, requestTimeout);
    return budget.settle(attempt(body, budget, deadline));
  }

  private DeliveryOutcome attempt(WhatsAppMessage body, AttemptBudget budget, Instant deadline) {
    boolean tokenReloaded = false;
    try {
      Sensitive token = tokens.token(deadline);
      while (true) {
        Optional<Duration> attemptTime = budget.startAttempt();
        if (attemptTime.isEmpty()) {
          return failed(
              FailureKind.TRANSIENT_EXHAUSTED,
              null,
              "no time left before the Lambda deadline",
              budget.attempts());
        }
        int attempts = budget.attempts();
        SendResult result = client.send(body, token, attemptTime.get());
        budget.answered(result);
        ErrorClassifier.Verdict verdict = ErrorClassifier.classify(result);
        switch (verdict) {
          case ACCEPTED -> {
            return DeliveryOutcome.Delivered.accepted(
                NAME, ((SendResult.Accepted) result).messageId(), attempts);
          }
          case TOKEN_EXPIRED -> {
            if (tokenReloaded) {
              return failed(FailureKind.CONFIGURATION, result, attempts);
            }
            tokenReloaded = true;
            try {
              token = tokens.refresh(deadline);
            } catch (WhatsAppAccessTokenException e) {
              return failed(
                  FailureKind.TOKEN_REFRESH_FAILED,
                  ErrorClassifier.TOKEN_EXPIRED,
                  "token expired (190) and refresh failed: " + e.getMessage(),
                  attempts);
            }
            if (budget.spent()) { // the reload still serves the next event
              return failed(
                  FailureKind.TRANSIENT_EXHAUSTED,
                  ErrorClassifier.TOKEN_EXPIRED,
                  "token expired (190) and "
                      + "was reloaded, but WHATSAPP_MAX_ATTEMPTS leaves no attempt to use it",
                  attempts);
            }
            // next attempt at once: a fresh token is not throttled; the attempt counts like any
            // other
          }
          case TRANSIENT -> {
            Optional<Duration> delay = budget.retryDelay(result);
            if (delay.isEmpty()) {
              return failed(FailureKind.TRANSIENT_EXHAUSTED, result, attempts);
            }
            sleeper.sleep(delay.get());
          }
          case RECIPIENT_UNREACHABLE -> {
            return failed(FailureKind.RECIPIENT_UNREACHABLE, result, attempts);
          }
          case CONFIGURATION -> {
            return failed(FailureKind.CONFIGURATION, result, attempts);
          }
          default -> {
            return failed(FailureKind.REJECTED, result, attempts);
          }
        }
      }
    } catch (WhatsAppAccessTokenException e) {
      return failed(
          e.isTransient() ? FailureKind.TRANSIENT_EXHAUSTED : FailureKind.CONFIGURATION,
          null,
          e.getMessage(),
          budget.attempts());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(
          FailureKind.TRANSIENT_EXHAUSTED,
          null,
          "interrupted while waiting to retry",
          budget.attempts());
    }
  }

  private static DeliveryOutcome.Failed failed(FailureKind kind, SendResult result, int attempts) {
    kind =
        result.outcomeUnknown()
            ? FailureKind.OUTCOME_UNKNOWN
            : kind; // the last request may have arrived
    if (result instanceof SendResult.Rejected r) {
      return failed(
          kind, r.errorCode(), "HTTP " + r.httpStatus() + ": " + r.description(), attempts);
    }
    return failed(kind, null, "network: " + ((SendResult.NetworkFailure) result).kind(), attempts);
  }

  private static DeliveryOutcome.Failed failed(
      FailureKind kind, Integer code, String reason, int attempts) {
    return new DeliveryOutcome.Failed(NAME, kind, code, reason, attempts);
  }
}
