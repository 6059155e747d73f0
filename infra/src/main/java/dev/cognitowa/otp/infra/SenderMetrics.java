package dev.cognitowa.otp.infra;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;

/**
 * The metrics the sender writes as CloudWatch embedded metric format fields of its one log line per
 * event (the sender's {@code wiring.EmbeddedMetrics}; infra names them as strings, as it names the
 * handler): CloudWatch Logs extracts them into ordinary metrics ("You can use CloudWatch to graph
 * and create alarms on the extracted metric values",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 * {@code events} counts 1 per event under the dimension {@code result}; its {@code Sum} is the
 * number of events with that result.
 */
final class SenderMetrics {

  /** The sender's namespace ({@code EmbeddedMetrics.NAMESPACE}). */
  static final String NAMESPACE = "CognitoWhatsAppOtp";

  /** 1 per event. */
  static final String EVENTS = "events";

  /** The handler's time per event. */
  static final String LATENCY = "latencyMs";

  static final String RESULT = "result";

  static final String SENT = "sent";
  static final String FALLBACK = "fallback";
  static final String FAILED = "failed";
  static final String DUPLICATE = "duplicate";
  static final String REFUSED_BY_LIMIT = "refused_by_limit";

  /**
   * The alarms' and the dashboard's period: five minutes, long enough to hold a handful of events
   * in a small pool, short enough to be told within a code's validity.
   */
  static final Duration PERIOD = Duration.minutes(5);

  /**
   * A rate is judged only over at least this many send decisions (sent, fallback or failed) in a
   * period: below that one unreachable number would read as a 10 % failure rate.
   */
  static final int MIN_EVENTS_FOR_A_RATE = 20;

  private SenderMetrics() {}

  /** The {@code Sum} of {@code events} with this {@code result} over {@link #PERIOD}. */
  static Metric events(String result) {
    return Metric.Builder.create()
        .namespace(NAMESPACE)
        .metricName(EVENTS)
        .dimensionsMap(Map.of(RESULT, result))
        .statistic("Sum")
        .period(PERIOD)
        .label(result)
        .build();
  }

  /** The handler's latency of sent events, at the given statistic ({@code p50}, {@code p99}). */
  static Metric latency(String statistic) {
    return Metric.Builder.create()
        .namespace(NAMESPACE)
        .metricName(LATENCY)
        .dimensionsMap(Map.of(RESULT, SENT))
        .statistic(statistic)
        .period(PERIOD)
        .label("latency " + statistic)
        .build();
  }

  /**
   * The percentage of send decisions that ended in {@code result}: {@code 100 * result / (sent +
   * fallback + failed)}, or 0 below {@link #MIN_EVENTS_FOR_A_RATE}. A period without a given result
   * has no data point for it, so each is filled with 0 ({@code FILL}); a period without any event
   * stays without data, which the alarms treat as not breaching.
   */
  static IMetric rate(String result, String label) {
    String total = "(FILL(sent, 0) + FILL(fallback, 0) + FILL(failed, 0))";
    return MathExpression.Builder.create()
        .expression(
            "IF("
                + total
                + " >= "
                + MIN_EVENTS_FOR_A_RATE
                + ", 100 * FILL("
                + result
                + ", 0) / "
                + total
                + ", 0)")
        // sorted, so the alarm's metric list is the same on every synth (Map.of's order is not)
        .usingMetrics(
            new TreeMap<>(
                Map.of(SENT, events(SENT), FALLBACK, events(FALLBACK), FAILED, events(FAILED))))
        .period(PERIOD)
        .label(label)
        .build();
  }
}
