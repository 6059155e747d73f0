package dev.cognitowa.otp.infra;

import java.util.List;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.constructs.Construct;

/**
 * Alarms on what the sender's log lines say happened to each code ({@link SenderMetrics}): the
 * failure rate, the fallback rate, a spike of refusals by the abuse limits, and duplicates.
 *
 * <p>Each judges {@value #DATAPOINTS} of {@value #EVALUATION_PERIODS} five-minute periods, as AWS
 * advises for metrics a Lambda function writes into its logs, whose flush it cannot time: "consider
 * using 'M out of N' alarms to control the number of datapoints used to alarm"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Alarms.html).
 * A period without events writes no data point; that is a quiet pool, not a problem, so missing
 * data is not breaching.
 */
final class DeliveryAlarms {

  /** Three periods (15 minutes) are judged at a time ... */
  static final int EVALUATION_PERIODS = 3;

  /** ... and two bad ones of them alarm: one late log flush alone never does. */
  static final int DATAPOINTS = 2;

  /**
   * Percent of send decisions that failed: a healthy chain loses a few unreachable numbers (well
   * under 5 %); a tenth failing is a provider outage, a paused template or a broken token.
   */
  static final double FAILURE_RATE_PERCENT = 10;

  /**
   * Percent of codes delivered only by a later (pricier) channel: above a fifth, the first channel
   * is failing for many users (template paused, quality rating, numbers without WhatsApp) and the
   * bill follows the fallback.
   */
  static final double FALLBACK_RATE_PERCENT = 20;

  /**
   * Refusals by the abuse limits in five minutes: a person who retries hits a per-number limit a
   * few times at most; twenty means a script is probing numbers (SMS pumping) or the pool ceiling
   * cuts off real sign-ups.
   */
  static final double REFUSALS_PER_PERIOD = 20;

  /**
   * Events answered from the ledger in five minutes: Lambda's at-least-once delivery makes a
   * duplicate now and then; ten means invocations keep timing out after their send (timeout too
   * tight, slow provider) and Lambda keeps retrying them.
   */
  static final double DUPLICATES_PER_PERIOD = 10;

  private DeliveryAlarms() {}

  /** Failure rate, fallback rate, refusals and duplicates, in that order. */
  static List<Alarm> create(Construct scope) {
    return List.of(
        alarm(
            scope,
            "FailureRateAlarm",
            SenderMetrics.rate(SenderMetrics.FAILED, "failed %"),
            FAILURE_RATE_PERCENT,
            "10 % or more of the codes failed on every channel: users are locked out. See the"
                + " sender's log lines with outcome failed and their failureKind."),
        alarm(
            scope,
            "FallbackRateAlarm",
            SenderMetrics.rate(SenderMetrics.FALLBACK, "fallback %"),
            FALLBACK_RATE_PERCENT,
            "20 % or more of the codes needed a fallback channel: the first channel is failing for"
                + " many users, and each fallback is paid twice. See fallbackFrom in the log lines."),
        alarm(
            scope,
            "RefusalsAlarm",
            SenderMetrics.events(SenderMetrics.REFUSED_BY_LIMIT),
            REFUSALS_PER_PERIOD,
            "The abuse limits refused 20 or more codes in five minutes: a script may be signing up"
                + " numbers (SMS pumping), or a limit is too tight for real traffic. See the log"
                + " lines' limit field."),
        alarm(
            scope,
            "DuplicatesAlarm",
            SenderMetrics.events(SenderMetrics.DUPLICATE),
            DUPLICATES_PER_PERIOD,
            "10 or more events in five minutes were retries of codes already sent: invocations"
                + " time out after sending. Check the function's duration against its timeout."));
  }

  private static Alarm alarm(
      Construct scope, String id, IMetric metric, double threshold, String description) {
    return Alarm.Builder.create(scope, id)
        .metric(metric)
        .alarmDescription(description)
        .threshold(threshold)
        .evaluationPeriods(EVALUATION_PERIODS)
        .datapointsToAlarm(DATAPOINTS)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
  }
}
