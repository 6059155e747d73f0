package dev.cognitowa.otp.sender.whatsapp;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One message's attempts against its deadline, counted in one place for every channel that sends a
 * WhatsApp message (Cloud API and End User Messaging Social): how long the next attempt may take,
 * and, after a transient answer, how long to wait, with rate-limit refusals kept out of the attempt
 * budget as {@link RetryPolicy} expects.
 */
public final class AttemptBudget {
  private final RetryPolicy policy;
  private final Clock clock;
  private final Instant deadline;
  private final Duration requestTimeout;
  private int attempts;
  private int rateLimited;
  private boolean mayHaveReached;

  public AttemptBudget(RetryPolicy policy, Clock clock, Instant deadline, Duration requestTimeout) {
    this.policy = policy;
    this.clock = clock;
    this.deadline = deadline;
    this.requestTimeout = requestTimeout;
  }

  /**
   * Starts an attempt: the time it may take (the request timeout, never past the deadline), or
   * empty when the deadline has come and no attempt may start.
   */
  public Optional<Duration> startAttempt() {
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      return Optional.empty();
    }
    attempts++;
    return Optional.of(left.compareTo(requestTimeout) < 0 ? left : requestTimeout);
  }

  /** How long to wait after this transient answer before the next attempt, or empty to stop. */
  public Optional<Duration> retryDelay(SendResult transientAnswer) {
    if (ErrorClassifier.isRateLimited(transientAnswer)) {
      rateLimited++;
    }
    return policy.nextDelay(
        attempts, rateLimited, transientAnswer, Duration.between(clock.instant(), deadline));
  }

  /** Notes an attempt's answer: one that may have reached the provider stays on record. */
  public void answered(SendResult result) {
    mayHaveReached |= result.outcomeUnknown();
  }

  /**
   * The channel's final failure: once any attempt may have reached the provider (a timeout after
   * the request was written), the outcome is unknown whatever later attempts said, as a later
   * refusal does not take back an earlier request. No fallback follows an unknown outcome.
   */
  public DeliveryOutcome settle(DeliveryOutcome outcome) {
    if (!mayHaveReached
        || !(outcome instanceof DeliveryOutcome.Failed failed)
        || failed.kind() == FailureKind.OUTCOME_UNKNOWN) {
      return outcome;
    }
    return new DeliveryOutcome.Failed(
        failed.channel(),
        FailureKind.OUTCOME_UNKNOWN,
        failed.errorCode(),
        failed.reason() + "; an earlier attempt may have reached the provider",
        failed.attempts(),
        failed.earlierFailures());
  }

  /** True when the attempts that count (rate-limit refusals do not) reached the maximum. */
  public boolean spent() {
    return attempts - rateLimited >= policy.maxAttempts();
  }

  /** Attempts started so far, rate-limited ones included. */
  public int attempts() {
    return attempts;
  }
}
