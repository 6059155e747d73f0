package dev.cognitowa.otp.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.IConstruct;

/**
 * The alarms on the sender's outcomes (from its embedded-metric log lines), the delivery-status
 * function's own alarms, and the dashboard, on the construct with its ledger and status function.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryAlarmsTest {

  private Stack stack;
  private WhatsAppOtpSender sender;
  private Template template;

  @BeforeAll
  void synthesize() {
    stack = new Stack(new App(), "Watched");
    sender =
        new WhatsAppOtpSender(
            stack,
            "Sender",
            WhatsAppOtpSenderProps.builder()
                .withUserPool(UserPool.Builder.create(stack, "Pool").build())
                .withPhoneNumberId(SenderFixtures.PHONE_NUMBER_ID)
                .withAccessTokenSecret(
                    Secret.fromSecretCompleteArn(stack, "Token", SenderFixtures.TOKEN_SECRET_ARN))
                .withCode(SenderFixtures.code(stack))
                .withAlarmAction(new SnsAction(new Topic(stack, "Pager")))
                .withDeliveryStatus(true) // one channel: on only when asked for
                .build());
    template = Template.fromStack(stack);
  }

  @Test
  void namespace_shouldBeTheSendersOwn_whenAlarmsReadItsMetrics() {
    // then
    assertThat(SenderMetrics.NAMESPACE)
        .isEqualTo(dev.cognitowa.otp.sender.observability.EmbeddedMetrics.NAMESPACE);
  }

  @Test
  void failureRateAlarm_shouldDivideFailedBySendDecisions_whenEnoughEventsArrived() {
    // then
    assertRateAlarm("FailureRateAlarm", "failed", 10);
  }

  @Test
  void fallbackRateAlarm_shouldDivideFallbacksBySendDecisions_whenEnoughEventsArrived() {
    // then
    assertRateAlarm("FallbackRateAlarm", "fallback", 20);
  }

  @Test
  void refusalsAlarm_shouldCountRefusalsByTheLimits_whenTwoOfThreePeriodsReachTheThreshold() {
    // then
    assertCountAlarm("RefusalsAlarm", "refused_by_limit", 20);
  }

  @Test
  void duplicatesAlarm_shouldCountEventsAnsweredFromTheLedger_whenTwoOfThreePeriodsReachIt() {
    // then
    assertCountAlarm("DuplicatesAlarm", "duplicate", 10);
  }

  @Test
  void statusAlarms_shouldWatchTheStatusFunctionAndItsQueue_whenItIsDeployed() {
    // given
    DeliveryStatusFunction status = sender.getDeliveryStatus();

    // then
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "Namespace",
            "AWS/Lambda",
            "MetricName",
            "Errors",
            "Dimensions",
            List.of(
                Map.of(
                    "Name",
                    "FunctionName",
                    "Value",
                    Map.of("Ref", logicalId(status.getFunction()))))));
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "Namespace",
            "AWS/SQS",
            "MetricName",
            "ApproximateNumberOfMessagesVisible",
            "Dimensions",
            List.of(
                Map.of(
                    "Name",
                    "QueueName",
                    "Value",
                    Map.of(
                        "Fn::GetAtt",
                        List.of(logicalId(status.getFailureQueue()), "QueueName"))))));
    assertThat(status.getAlarms()).hasSize(3);
  }

  @Test
  void alarms_shouldEachNotifyTheActionOfAlarmAndRecovery_whenOneIsGiven() {
    // given
    Map<String, Object> pager = Map.of("Ref", Match.stringLikeRegexp("Pager.*"));

    // then
    assertThat(sender.getAlarms()).hasSize(12); // with the verification loop's two
    assertThat(
            template.findResources(
                "AWS::CloudWatch::Alarm",
                Map.of(
                    "Properties",
                    Map.of("AlarmActions", List.of(pager), "OKActions", List.of(pager)))))
        .hasSize(12);
  }

  @Test
  void dashboard_shouldShowOutcomesRatesLatencyAndEveryAlarm_whenCreated() {
    // given
    Capture body = new Capture();

    // when
    template.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardBody", body));

    // then
    String text = String.valueOf(body.asObject());
    assertThat(text)
        .contains(
            "CognitoWhatsAppOtp",
            "refused_by_limit",
            "fallback",
            "duplicate",
            "latencyMs",
            "p99",
            "FILL(failed, 0)",
            "ApproximateNumberOfMessagesVisible");
    for (var alarm : sender.getAlarms()) {
      assertThat(text).contains(logicalId(alarm));
    }
    template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    template.resourcePropertiesCountIs(
        "AWS::CloudWatch::Dashboard", Map.of("DashboardName", Match.anyValue()), 0);
  }

  private void assertRateAlarm(String id, String result, int percent) {
    String total = "(FILL(sent, 0) + FILL(fallback, 0) + FILL(failed, 0))";
    List<Object> queries = new ArrayList<>();
    queries.add(
        Match.objectLike(
            Map.of(
                "Expression",
                "IF(" + total + " >= 20, 100 * FILL(" + result + ", 0) / " + total + ", 0)",
                "ReturnData",
                true)));
    for (String each : List.of("failed", "fallback", "sent")) { // sorted by SenderMetrics.rate
      queries.add(Match.objectLike(eventsQuery(each)));
    }
    Map<String, Map<String, Object>> alarms =
        template.findResources(
            "AWS::CloudWatch::Alarm",
            Map.of(
                "Properties",
                Map.of(
                    "AlarmDescription",
                    Match.stringLikeRegexp("^" + percent + " % or more.*"),
                    "Threshold",
                    percent,
                    "EvaluationPeriods",
                    3,
                    "DatapointsToAlarm",
                    2,
                    "ComparisonOperator",
                    "GreaterThanOrEqualToThreshold",
                    "TreatMissingData",
                    "notBreaching",
                    "Metrics",
                    Match.arrayWith(queries))));
    assertThat(alarms.keySet()).singleElement().asString().startsWith("Sender" + id);
  }

  private static Map<String, Object> eventsQuery(String result) {
    return Map.of(
        "Id",
        result,
        "MetricStat",
        Map.of(
            "Metric",
            Map.of(
                "Namespace",
                "CognitoWhatsAppOtp",
                "MetricName",
                "events",
                "Dimensions",
                List.of(Map.of("Name", "result", "Value", result))),
            "Period",
            300,
            "Stat",
            "Sum"),
        "ReturnData",
        false);
  }

  private void assertCountAlarm(String id, String result, int threshold) {
    Map<String, Object> query = new HashMap<>(eventsQuery(result));
    query.put("ReturnData", true);
    query.remove("Id");
    Map<String, Map<String, Object>> alarms =
        template.findResources(
            "AWS::CloudWatch::Alarm",
            Map.of(
                "Properties",
                Map.of(
                    "Metrics",
                    List.of(Match.objectLike(query)),
                    "Threshold",
                    threshold,
                    "EvaluationPeriods",
                    3,
                    "DatapointsToAlarm",
                    2,
                    "TreatMissingData",
                    "notBreaching")));
    assertThat(alarms.keySet()).singleElement().asString().startsWith("Sender" + id);
  }

  private String logicalId(IConstruct construct) {
    CfnElement element =
        construct instanceof CfnElement cfn
            ? cfn
            : (CfnElement) construct.getNode().getDefaultChild();
    return stack.resolve(element.getLogicalId()).toString();
  }
}
