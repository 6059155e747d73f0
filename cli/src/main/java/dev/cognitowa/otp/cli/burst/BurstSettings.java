package dev.cognitowa.otp.cli.burst;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything that shapes a burst; with the seed, enough to run it again.
 *
 * @param events Cognito events in the burst
 * @param containers concurrent Lambda containers (the function's concurrency), one handler each
 * @param seed decides recipients, codes, resends, repeated deliveries and their timing
 * @param repeatRate share of events that are a resend to a recent recipient, so the pair limit
 *     bites
 * @param duplicateRate share of events Lambda's at-least-once delivery hands out twice
 * @param duplicateWithin the second copy is queued up to this long after the first
 * @param arrivalRate events per second reaching Lambda's queue; 0 puts them all there at once
 * @param messagesPerSecond the stand-in's throughput for the phone number (Meta: 80)
 * @param pairInterval the stand-in's shortest time between two messages to one recipient (Meta:
 *     about 6 s)
 * @param lambdaTimeout each invocation's time budget (the stack's function timeout)
 * @param lambdaRetries Lambda's asynchronous retries after a failed invocation (0..2)
 * @param retryDelay before the first retry, doubling for the next (Lambda: about a minute,
 *     shortened here)
 * @param maxEventAge an event older than this when handed out goes to the on-failure destination
 *     unprocessed
 */
public record BurstSettings(
    int events,
    int containers,
    long seed,
    double repeatRate,
    double duplicateRate,
    Duration duplicateWithin,
    double arrivalRate,
    double messagesPerSecond,
    Duration pairInterval,
    Duration lambdaTimeout,
    int lambdaRetries,
    Duration retryDelay,
    Duration maxEventAge) {

  /** Every problem at once, empty when the settings can run. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (events < 1 || events > 100_000) {
      problems.add("--events must be 1..100000, was " + events);
    }
    if (containers < 1 || containers > 256) {
      problems.add("--containers must be 1..256, was " + containers);
    }
    if (!(repeatRate >= 0 && repeatRate <= 0.5) || !(duplicateRate >= 0 && duplicateRate <= 0.5)) {
      problems.add("--repeat-rate and --duplicate-rate must be 0..0.5");
    }
    if (!(arrivalRate >= 0) || !(messagesPerSecond > 0)) {
      problems.add("--arrival-rate must be at least 0 and --rate above 0");
    }
    if (lambdaRetries < 0 || lambdaRetries > 2) {
      problems.add("--lambda-retries must be 0..2 (Lambda's own range), was " + lambdaRetries);
    }
    if (lambdaTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || lambdaTimeout.compareTo(Duration.ofMinutes(15)) > 0) {
      problems.add("--lambda-timeout must be 1s..15m");
    }
    for (Duration d : List.of(duplicateWithin, pairInterval, retryDelay, maxEventAge)) {
      if (d.isNegative()) {
        problems.add("durations must not be negative");
        break;
      }
    }
    return problems;
  }

  /** The command that runs exactly this burst again. */
  public String command() {
    return String.format(
        Locale.ROOT,
        "otp bench burst --events %d --containers %d --seed %d --repeat-rate %s "
            + "--duplicate-rate %s --duplicate-within %s --arrival-rate %s --rate %s --pair-interval %s "
            + "--lambda-timeout %s --lambda-retries %d --retry-delay %s --max-event-age %s",
        events,
        containers,
        seed,
        number(repeatRate),
        number(duplicateRate),
        text(duplicateWithin),
        number(arrivalRate),
        number(messagesPerSecond),
        text(pairInterval),
        text(lambdaTimeout),
        lambdaRetries,
        text(retryDelay),
        text(maxEventAge));
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  /** A duration as the command line takes it: 500ms, 6s, 5m. */
  static String text(Duration d) {
    long millis = d.toMillis();
    if (millis % 60_000 == 0 && millis >= 60_000) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
