package dev.cognitowa.otp.sender.whatsapp;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** When to try a Cloud API request again, one question per method. */
public final class RetryPolicy {
  /** The first retry comes quickly: most throttling and 5xx blips clear within a few hundred milliseconds. */
  static final Duration BASE_DELAY = Duration.ofMillis(250);
  /** Backoff stops growing here; waiting longer is the job of Lambda's asynchronous retry. */
  static final Duration MAX_DELAY = Duration.ofSeconds(4);
  /** Meta allows about one message per 6 s to the same recipient (error 131056): retrying sooner only fails again. */
  static final Duration PAIR_RATE_LIMIT_DELAY = Duration.ofSeconds(6);
  /** Graph answers a send in well under a second: an attempt with less time than this left is not worth starting. */
  static final Duration MIN_ATTEMPT_TIME = Duration.ofSeconds(1);

  private final int maxAttempts;
  private final DoubleSupplier random;

  public RetryPolicy(int maxAttempts) {
    this(maxAttempts, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** @param random uniform in [0, 1): injectable so tests see exact delays */
  public RetryPolicy(int maxAttempts, DoubleSupplier random) {
    this.maxAttempts = maxAttempts;
    this.random = random;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** True when the same request may succeed later. */
  public boolean isRetryable(SendResult result) {
    return ErrorClassifier.classify(result) == ErrorClassifier.Verdict.TRANSIENT;
  }

  /**
   * How long to wait before the next attempt, or empty to stop.
   *
   * @param attemptsMade attempts so far (the one just failed included)
   * @param last its result
   * @param timeLeft until the deadline
   */
  public Optional<Duration> nextDelay(int attemptsMade, SendResult last, Duration timeLeft) {
    if (!isRetryable(last) || attemptsMade >= maxAttempts) {
      return Optional.empty();
    }
    Duration delay = delayFor(attemptsMade, last);
    return delay.plus(MIN_ATTEMPT_TIME).compareTo(timeLeft) <= 0 ? Optional.of(delay) : Optional.empty();
  }

  private Duration delayFor(int attemptsMade, SendResult last) {
    if (last instanceof SendResult.Rejected rejected) {
      if (rejected.retryAfter().isPresent()) {
        return rejected.retryAfter().get();
      }
      if (rejected.errorCode() != null && rejected.errorCode() == 131056) {
        return PAIR_RATE_LIMIT_DELAY.plusMillis((long) (random.getAsDouble() * 1000));
      }
    }
    // Exponential backoff with "equal jitter": half the step fixed, half random, so concurrent retries spread out.
    long step = Math.min(MAX_DELAY.toMillis(), BASE_DELAY.toMillis() << Math.min(attemptsMade - 1, 16));
    return Duration.ofMillis(step / 2 + (long) (random.getAsDouble() * (step / 2)));
  }
}
