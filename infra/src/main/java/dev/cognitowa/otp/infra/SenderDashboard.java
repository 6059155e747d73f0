package dev.cognitowa.otp.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.constructs.Construct;

/**
 * The operator's one page: every alarm's state, what happened to the codes (outcomes, failure and
 * fallback rates, refusals), how fast, and the functions and queues behind them. No name: the stack
 * names it, so two stacks get two dashboards.
 */
final class SenderDashboard {

  /** CloudWatch dashboards are 24 units wide: two graphs side by side. */
  private static final int HALF_WIDTH = 12;

  private static final int FULL_WIDTH = 24;

  /** Six units high: a readable graph that keeps the page to one screen. */
  private static final int GRAPH_HEIGHT = 6;

  /** Two units: a title and one line of text. */
  private static final int TITLE_HEIGHT = 2;

  /** Two rows of alarm tiles: up to ten alarms at the full width. */
  private static final int ALARMS_HEIGHT = 4;

  private SenderDashboard() {}

  static Dashboard create(Construct scope, WhatsAppOtpSender sender) {
    MetricOptions sum =
        MetricOptions.builder().period(SenderMetrics.PERIOD).statistic("Sum").build();
    MetricOptions max =
        MetricOptions.builder().period(SenderMetrics.PERIOD).statistic("Maximum").build();
    List<IWidget> widgets = new ArrayList<>();
    widgets.add(
        TextWidget.Builder.create()
            .markdown(
                "## WhatsApp OTP sender\nOutcomes come from the sender's log lines (namespace `"
                    + SenderMetrics.NAMESPACE
                    + "`, metric `events` by `result`); see the README, \"What an operator sees\".")
            .width(FULL_WIDTH)
            .height(TITLE_HEIGHT)
            .build());
    widgets.add(
        AlarmStatusWidget.Builder.create()
            .title("Alarms")
            .alarms(List.copyOf(sender.getAlarms()))
            .width(FULL_WIDTH)
            .height(ALARMS_HEIGHT)
            .build());
    widgets.add(
        graph(
            "Codes by outcome (per 5 minutes)",
            List.of(
                SenderMetrics.events(SenderMetrics.SENT),
                SenderMetrics.events(SenderMetrics.FALLBACK),
                SenderMetrics.events(SenderMetrics.FAILED),
                SenderMetrics.events(SenderMetrics.REFUSED_BY_LIMIT),
                SenderMetrics.events(SenderMetrics.DUPLICATE))));
    widgets.add(
        graph(
            "Failure and fallback rate (%)",
            List.of(
                SenderMetrics.rate(SenderMetrics.FAILED, "failed %"),
                SenderMetrics.rate(SenderMetrics.FALLBACK, "fallback %"))));
    widgets.add(
        graph(
            "Handler latency of sent codes (ms)",
            List.of(SenderMetrics.latency("p50"), SenderMetrics.latency("p99"))));
    if (sender.getVerification() != null) {
      widgets.add(
          graph(
              "Verification funnel: codes sent and used (per hour)",
              List.of(
                  SenderMetrics.events(SenderMetrics.SENT).with(hourly()),
                  FunnelMetrics.verifications(
                      FunnelMetrics.VERIFIED, FunnelMetrics.CONVERSION_PERIOD),
                  FunnelMetrics.conversion())));
      widgets.add(
          graph(
              "Time to verify (ms) and conversion breaker refusals",
              List.of(
                  FunnelMetrics.timeToVerify("p50"),
                  FunnelMetrics.timeToVerify("p99"),
                  FunnelMetrics.breakerRefusals())));
      widgets.add(
          graph(
              "Codes sent per channel and country (per hour)",
              List.of(FunnelMetrics.perCountry(SenderMetrics.EVENTS, SenderMetrics.SENT, "sent"))));
      widgets.add(
          graph(
              "Codes used per channel and country (per hour)",
              List.of(
                  FunnelMetrics.perCountry(
                      FunnelMetrics.VERIFICATIONS, FunnelMetrics.VERIFIED, "verified"))));
    }
    List<IMetric> functions = new ArrayList<>();
    functions.add(sender.getFunction().metricInvocations(sum));
    functions.add(sender.getFunction().metricErrors(sum));
    functions.add(sender.getFunction().metricThrottles(sum));
    List<IMetric> queues = new ArrayList<>();
    queues.add(sender.getFailureQueue().metricApproximateNumberOfMessagesVisible(max));
    DeliveryStatusFunction status = sender.getDeliveryStatus();
    if (status != null) {
      functions.add(status.getFunction().metricErrors(sum));
      queues.add(status.getFailureQueue().metricApproximateNumberOfMessagesVisible(max));
    }
    widgets.add(graph("Functions: invocations, errors, throttles", functions));
    widgets.add(graph("Failed events waiting in the queues", queues));
    // one row per full width (24 units), so CloudWatch lays the page out as written
    List<List<IWidget>> rows = new ArrayList<>();
    int width = FULL_WIDTH;
    for (IWidget widget : widgets) {
      if (width + widget.getWidth().intValue() > FULL_WIDTH) {
        rows.add(new ArrayList<>());
        width = 0;
      }
      rows.get(rows.size() - 1).add(widget);
      width += widget.getWidth().intValue();
    }
    return Dashboard.Builder.create(scope, "Dashboard").widgets(List.copyOf(rows)).build();
  }

  private static MetricOptions hourly() {
    return MetricOptions.builder()
        .period(FunnelMetrics.CONVERSION_PERIOD)
        .statistic("Sum")
        .label("sent (first channel)")
        .build();
  }

  private static GraphWidget graph(String title, List<IMetric> metrics) {
    return GraphWidget.Builder.create()
        .title(title)
        .left(metrics)
        .width(HALF_WIDTH)
        .height(GRAPH_HEIGHT)
        .build();
  }
}
