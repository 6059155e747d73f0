package dev.cognitowa.otp.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * A function's three alarms: errors, throttles, and events waiting in its failed-events queue (the
 * sender's and the delivery-status function's alike).
 */
final class SenderAlarms {

  /**
   * Alarms evaluate five minutes at a time: long enough to be quiet, short enough for a code's
   * validity.
   */
  private static final Duration PERIOD = Duration.minutes(5);

  private SenderAlarms() {}

  /** The sender's: errors, throttles and failed-deliveries depth, in that order. */
  static List<Alarm> create(Construct scope, IFunction function, IQueue failureQueue) {
    MetricOptions sum = MetricOptions.builder().period(PERIOD).statistic("Sum").build();
    MetricOptions max = MetricOptions.builder().period(PERIOD).statistic("Maximum").build();
    return List.of(
        alarm(
            scope,
            "ErrorsAlarm",
            function.metricErrors(sum),
            "The WhatsApp OTP sender failed an invocation: users may not receive codes. See its logs."),
        alarm(
            scope,
            "ThrottlesAlarm",
            function.metricThrottles(sum),
            "The WhatsApp OTP sender was throttled: codes are delayed. Check the account's Lambda concurrency."),
        alarm(
            scope,
            "FailedDeliveriesAlarm",
            failureQueue.metricApproximateNumberOfMessagesVisible(max),
            "Codes were not delivered after every retry: their events wait in the failed-deliveries queue."));
  }

  /**
   * The delivery-status function's: errors, throttles and failed status events, in that order. A
   * failing status function means late failures start no fallback.
   */
  static List<Alarm> createForStatus(Construct scope, IFunction function, IQueue failureQueue) {
    MetricOptions sum = MetricOptions.builder().period(PERIOD).statistic("Sum").build();
    MetricOptions max = MetricOptions.builder().period(PERIOD).statistic("Maximum").build();
    return List.of(
        alarm(
            scope,
            "ErrorsAlarm",
            function.metricErrors(sum),
            "The delivery-status function failed an invocation: a late WhatsApp failure may start"
                + " no fallback. See its logs."),
        alarm(
            scope,
            "ThrottlesAlarm",
            function.metricThrottles(sum),
            "The delivery-status function was throttled: statuses and fallbacks are delayed. Check"
                + " the account's Lambda concurrency."),
        alarm(
            scope,
            "FailedStatusEventsAlarm",
            failureQueue.metricApproximateNumberOfMessagesVisible(max),
            "Delivery-status events failed every retry: they wait in the status function's"
                + " failed-events queue."));
  }

  /** Sends every alarm's ALARM and OK transitions to {@code action}, when one is given. */
  static void notify(List<Alarm> alarms, IAlarmAction action) {
    if (action != null) {
      alarms.forEach(
          alarm -> {
            alarm.addAlarmAction(action);
            alarm.addOkAction(action);
          });
    }
  }

  private static Alarm alarm(Construct scope, String id, Metric metric, String description) {
    return metric.createAlarm(
        scope,
        id,
        CreateAlarmOptions.builder()
            .alarmDescription(description)
            .threshold(1)
            .evaluationPeriods(1)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build());
  }
}
