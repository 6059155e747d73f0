package dev.cognitowa.otp.infra;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.constructs.Construct;

/**
 * The verification funnel as metrics: the verification function's log line per Post confirmation /
 * Post authentication event is an embedded metric format document ({@code verifications} by {@code
 * result}, {@code timeToVerifyMs}, and both by {@code channel} with {@code country} or {@code
 * triggerSource}), beside the sender's {@code events} (by {@code result}, and by {@code channel}
 * and {@code country}). No dimension names a user or a number. Two alarms: conversion collapsing at
 * real volume, and the conversion breaker opening.
 */
final class FunnelMetrics {

  static final String VERIFICATIONS = "verifications";
  static final String TIME_TO_VERIFY = "timeToVerifyMs";
  static final String VERIFIED = "verified";

  /** The sender's refusal by the breaker carries the setting that decided it as {@code limit}. */
  static final String BREAKER_LIMIT = "OTP_BREAKER_MIN_CONVERSION_PERCENT";

  /**
   * Conversion is judged per hour: a code lives up to an hour (a reset) and most are used within
   * minutes, so an hour's codes are mostly settled by its end; five minutes would read every code
   * sent in the last minute as unused.
   */
  static final Duration CONVERSION_PERIOD = Duration.hours(1);

  /**
   * Below 50 codes in an hour one pool's quiet night reads as a collapse; at 50 a fall below the
   * threshold is a pattern, not chance.
   */
  static final int MIN_SENDS_FOR_CONVERSION = 50;

  /**
   * Percent of codes used: real traffic converts well above half; under a quarter across all
   * channels and countries means bots are being sent codes (pumping) or users cannot read them.
   */
  static final double CONVERSION_ALARM_PERCENT = 25;

  private FunnelMetrics() {}

  /** The {@code Sum} of {@code verifications} with this {@code result}, per {@code period}. */
  static Metric verifications(String result, Duration period) {
    return Metric.Builder.create()
        .namespace(SenderMetrics.NAMESPACE)
        .metricName(VERIFICATIONS)
        .dimensionsMap(Map.of(SenderMetrics.RESULT, result))
        .statistic("Sum")
        .period(period)
        .label(result)
        .build();
  }

  /** Time from send to verification, at {@code statistic} ({@code p50}, {@code p90}). */
  static Metric timeToVerify(String statistic) {
    return Metric.Builder.create()
        .namespace(SenderMetrics.NAMESPACE)
        .metricName(TIME_TO_VERIFY)
        .dimensionsMap(Map.of(SenderMetrics.RESULT, VERIFIED))
        .statistic(statistic)
        .period(CONVERSION_PERIOD)
        .label("time to verify " + statistic)
        .build();
  }

  /**
   * Codes used per code sent, in percent, per hour: {@code 100 * verified / (sent + fallback)}, or
   * 100 (no alarm) below {@link #MIN_SENDS_FOR_CONVERSION}.
   */
  static IMetric conversion() {
    String sent = "(FILL(sent, 0) + FILL(fallback, 0))";
    return MathExpression.Builder.create()
        .expression(
            "IF("
                + sent
                + " >= "
                + MIN_SENDS_FOR_CONVERSION
                + ", 100 * FILL(verified, 0) / "
                + sent
                + ", 100)")
        .usingMetrics(
            new TreeMap<>(
                Map.of(
                    "sent", hourly(SenderMetrics.SENT),
                    "fallback", hourly(SenderMetrics.FALLBACK),
                    "verified", verifications(VERIFIED, CONVERSION_PERIOD))))
        .period(CONVERSION_PERIOD)
        .label("conversion %")
        .build();
  }

  /** The sender's refusals by the conversion breaker. */
  static Metric breakerRefusals() {
    return Metric.Builder.create()
        .namespace(SenderMetrics.NAMESPACE)
        .metricName(SenderMetrics.EVENTS)
        .dimensionsMap(
            Map.of(SenderMetrics.RESULT, SenderMetrics.REFUSED_BY_LIMIT, "limit", BREAKER_LIMIT))
        .statistic("Sum")
        .period(SenderMetrics.PERIOD)
        .label("refused by the conversion breaker")
        .build();
  }

  /**
   * The funnel per channel and country, for a dashboard only (alarms take no search): one line per
   * combination the functions wrote.
   */
  static IMetric perCountry(String metric, String result, String label) {
    return MathExpression.Builder.create()
        .expression(
            "SEARCH('{"
                + SenderMetrics.NAMESPACE
                + ",channel,country,result} MetricName=\""
                + metric
                + "\" result=\""
                + result
                + "\"', 'Sum', 3600)")
        .label(label)
        .period(CONVERSION_PERIOD)
        .build();
  }

  /** Conversion below {@link #CONVERSION_ALARM_PERCENT} at real volume; the breaker opening. */
  static List<Alarm> alarms(Construct scope) {
    return List.of(
        Alarm.Builder.create(scope, "ConversionAlarm")
            .metric(conversion())
            .alarmDescription(
                "Under 25 % of the codes sent in an hour (at least 50) were used: bots may be"
                    + " sent codes (SMS pumping) or users cannot read them. otp report shows the"
                    + " channel and country.")
            .threshold(CONVERSION_ALARM_PERCENT)
            .evaluationPeriods(1)
            .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build(),
        Alarm.Builder.create(scope, "ConversionBreakerAlarm")
            .metric(breakerRefusals())
            .alarmDescription(
                "The conversion breaker refused codes: one channel's codes to one country went"
                    + " unused (pumping). The log lines' reason names both; it half-opens by"
                    + " itself.")
            .threshold(1)
            .evaluationPeriods(1)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build());
  }

  private static Metric hourly(String result) {
    return Metric.Builder.create()
        .namespace(SenderMetrics.NAMESPACE)
        .metricName(SenderMetrics.EVENTS)
        .dimensionsMap(Map.of(SenderMetrics.RESULT, result))
        .statistic("Sum")
        .period(CONVERSION_PERIOD)
        .label(result)
        .build();
  }
}
