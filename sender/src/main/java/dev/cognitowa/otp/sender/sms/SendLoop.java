package dev.cognitowa.otp.sender.sms;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import dev.cognitowa.otp.sender.support.BoundedCall;
import dev.cognitowa.otp.sender.support.Sleeper;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * One SMS delivery: a request per attempt, each bounded by the deadline (per-request SDK timeouts
 * inside {@link BoundedCall}), transient failures retried with jittered exponential backoff while
 * attempts and time remain.
 */
final class SendLoop {
  /**
   * The first retry comes quickly: most throttling and 5xx blips clear within a few hundred
   * milliseconds.
   */
  static final Duration BASE_DELAY = Duration.ofMillis(250);

  /**
   * Backoff stops growing here; longer waits are the next channel's or Lambda's asynchronous
   * retry's job.
   */
  static final Duration MAX_DELAY = Duration.ofSeconds(4);

  /**
   * SMS APIs answer in a few hundred milliseconds: a retry with less time than this left is not
   * worth starting.
   */
  static final Duration MIN_ATTEMPT_TIME = Duration.ofSeconds(1);

  private final String channel;
  private final int maxAttempts;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private volatile Random generator;

  /**
   * A loop for one channel.
   *
   * @param random uniform in [0, 1), for tests; null draws jitter from a generator seeded from
   *     SecureRandom
   */
  SendLoop(String channel, int maxAttempts, Clock clock, Sleeper sleeper, DoubleSupplier random) {
    this.channel = channel;
    this.maxAttempts = maxAttempts;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  /**
   * Seeds the jitter afresh on next use, so containers restored from one snapshot do not retry in
   * lockstep.
   */
  void reseed() {
    generator = null;
  }

  /**
   * Sends until accepted, refused for good, out of attempts or out of time.
   *
   * @param send makes one request with the time left and returns the provider's message id
   * @param classify sorts what {@code send} threw
   */
  DeliveryOutcome run(
      Instant deadline,
      Function<Duration, String> send,
      Function<RuntimeException, AttemptFailure> classify) {
    int attempts = 0;
    boolean mayHaveReached = false;
    while (true) {
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        return failed(
            FailureKind.TRANSIENT_EXHAUSTED,
            "no time left before the Lambda deadline",
            attempts,
            mayHaveReached);
      }
      attempts++;
      AttemptFailure failure;
      try {
        String messageId = BoundedCall.within(left, () -> send.apply(left), () -> {});
        if (messageId != null && !messageId.isBlank()) {
          return DeliveryOutcome.Delivered.accepted(channel, messageId, attempts);
        }
        failure = new AttemptFailure(FailureKind.OUTCOME_UNKNOWN, "accepted without a message id");
      } catch (RuntimeException e) {
        failure = classify.apply(e);
      }
      mayHaveReached |= failure.kind() == FailureKind.OUTCOME_UNKNOWN;
      if (!failure.retryable() || attempts >= maxAttempts) {
        return failed(failure.kind(), failure.reason(), attempts, mayHaveReached);
      }
      Duration delay = delay(attempts);
      if (delay.plus(MIN_ATTEMPT_TIME).compareTo(Duration.between(clock.instant(), deadline)) > 0) {
        return failed(
            failure.kind(), failure.reason() + "; no time left to retry", attempts, mayHaveReached);
      }
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return failed(
            failure.kind(),
            failure.reason() + "; interrupted while waiting to retry",
            attempts,
            mayHaveReached);
      }
    }
  }

  /**
   * Exponential backoff with "equal jitter": half the step fixed, half random, so concurrent
   * retries spread out.
   */
  Duration delay(int attemptsMade) {
    long step =
        Math.min(MAX_DELAY.toMillis(), BASE_DELAY.toMillis() << Math.min(attemptsMade - 1, 16));
    long half = step / 2;
    return Duration.ofMillis(half + (long) (jitter() * half));
  }

  private double jitter() {
    if (random != null) {
      return random.getAsDouble();
    }
    Random current = generator;
    if (current == null) {
      current =
          new Random(
              new SecureRandom().nextLong()); // only when a retry happens: no cost on a cold start
      generator = current;
    }
    return current.nextDouble();
  }

  /**
   * The loop's final failure: unknown once any attempt may have reached the provider, whatever the
   * last one said (a later refusal does not take back an earlier request), so nothing falls back.
   */
  private DeliveryOutcome.Failed failed(
      FailureKind kind, String reason, int attempts, boolean mayHaveReached) {
    if (mayHaveReached && kind != FailureKind.OUTCOME_UNKNOWN) {
      return new DeliveryOutcome.Failed(
          channel,
          FailureKind.OUTCOME_UNKNOWN,
          null,
          reason + "; an earlier attempt may have reached the provider",
          attempts);
    }
    return new DeliveryOutcome.Failed(channel, kind, null, reason, attempts);
  }
}
