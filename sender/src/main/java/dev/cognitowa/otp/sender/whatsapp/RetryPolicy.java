package dev.cognitowa.otp.sender.whatsapp;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.function.DoubleSupplier;

/** When to try a Cloud API request again, one question per method. */
public final class RetryPolicy {
  /**
   * The first retry comes quickly: most throttling and 5xx blips clear within a few hundred
   * milliseconds.
   */
  static final Duration BASE_DELAY = Duration.ofMillis(250);

  /** Backoff stops growing here; waiting longer is the job of Lambda's asynchronous retry. */
  static final Duration MAX_DELAY = Duration.ofSeconds(4);

  /**
   * Meta allows about one message per 6 s to the same recipient (error 131056): retrying sooner
   * only fails again.
   */
  static final Duration PAIR_RATE_LIMIT_DELAY = Duration.ofSeconds(6);

  /**
   * Rate-limit refusals ({@link ErrorClassifier#isRateLimited}) do not use up {@code
   * WHATSAPP_MAX_ATTEMPTS}: nothing was sent, and in a burst of sign-ups they are the normal
   * answer, not a fault (the burst bench lost 1 code in 10 at 64 containers when they were
   * counted). The deadline ends them; this cap only bounds requests if the deadline is long.
   */
  public static final int MAX_RATE_LIMITED_RETRIES = 20;

  /**
   * Graph answers a send in well under a second: an attempt with less time than this left is not
   * worth starting.
   */
  static final Duration MIN_ATTEMPT_TIME = Duration.ofSeconds(1);

  private final int maxAttempts;
  private final DoubleSupplier random;

  /**
   * Jitter from a generator of its own, seeded from SecureRandom on first use and again after every
   * SnapStart restore ({@link #reseed()}). Not ThreadLocalRandom: its per-thread seeds come from a
   * state fixed before the snapshot, so every container restored from one snapshot would draw the
   * same "random" delays and retry in lockstep. AWS's "Handling uniqueness with Lambda SnapStart"
   * asks for exactly this: seeds drawn after restore, in a runtime hook
   * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html).
   */
  public RetryPolicy(int maxAttempts) {
    this(maxAttempts, new Jitter(null));
  }

  /**
   * For tests: a jitter generator in a given state, as every container restored from one snapshot
   * has it.
   */
  public RetryPolicy(int maxAttempts, Random restored) {
    this(maxAttempts, new Jitter(restored));
  }

  /**
   * @param random uniform in [0, 1): injectable so tests see exact delays
   */
  public RetryPolicy(int maxAttempts, DoubleSupplier random) {
    this.maxAttempts = maxAttempts;
    this.random = random;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Draws a fresh seed for the jitter; call after a SnapStart restore. No effect on an injected
   * supplier.
   */
  public void reseed() {
    if (random instanceof Jitter jitter) {
      jitter.reseed();
    }
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
    return nextDelay(attemptsMade, 0, last, timeLeft);
  }

  /**
   * How long to wait before the next attempt, or empty to stop, when some attempts were refused for
   * a rate limit.
   *
   * @param attemptsMade attempts so far (the one just failed included)
   * @param rateLimited how many of them Graph refused for a rate limit (the one just failed
   *     included, if it was)
   * @param last the result of the one just failed
   * @param timeLeft until the deadline
   */
  public Optional<Duration> nextDelay(
      int attemptsMade, int rateLimited, SendResult last, Duration timeLeft) {
    if (!isRetryable(last)) {
      return Optional.empty();
    }
    boolean budgetSpent =
        ErrorClassifier.isRateLimited(last)
            ? rateLimited > MAX_RATE_LIMITED_RETRIES
            : attemptsMade - rateLimited >= maxAttempts;
    if (budgetSpent) {
      return Optional.empty();
    }
    Duration delay = delayFor(attemptsMade, last);
    return delay.plus(MIN_ATTEMPT_TIME).compareTo(timeLeft) <= 0
        ? Optional.of(delay)
        : Optional.empty();
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
    // Exponential backoff with "equal jitter": half the step fixed, half random, so concurrent
    // retries spread out.
    long step =
        Math.min(MAX_DELAY.toMillis(), BASE_DELAY.toMillis() << Math.min(attemptsMade - 1, 16));
    long half =
        step / 2; // whole milliseconds: the half-millisecond an odd step loses does not matter
    return Duration.ofMillis(half + (long) (random.getAsDouble() * half));
  }

  /**
   * A generator seeded from SecureRandom when first used; {@link #reseed()} makes the next use seed
   * it afresh.
   */
  private static final class Jitter implements DoubleSupplier {
    private volatile Random generator;

    Jitter(Random generator) {
      this.generator = generator;
    }

    @Override
    public double getAsDouble() {
      Random current = generator;
      if (current == null) {
        current =
            new Random(
                new SecureRandom()
                    .nextLong()); // only when a retry happens: no cost on a cold start
        generator = current;
      }
      return current.nextDouble();
    }

    void reseed() {
      generator = null;
    }
  }
}
