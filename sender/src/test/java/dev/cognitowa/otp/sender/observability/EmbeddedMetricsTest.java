package dev.cognitowa.otp.sender.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.support.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The log line as an embedded metric format document: the result per kind of line, and the
 * specification's rules (every dimension and metric a root member, dimension values strings).
 */
class EmbeddedMetricsTest {
  private static final Instant NOW = Instant.parse("2026-12-02T07:00:00.123Z");

  /** The dimensions a line may carry: none of them says who the message was for. */
  private static final Set<String> DIMENSIONS =
      Set.of("result", "channel", "triggerSource", "failureKind");

  private static DeliveryLogLine line(String outcome) {
    return new DeliveryLogLine("INFO")
        .with("requestId", "req-1")
        .with("triggerSource", "CustomSMSSender_SignUp")
        .with("userPoolId", "eu-west-1_EXAMPLE")
        .with("recipient", "+********3456")
        .with("outcome", outcome)
        .with("channel", "whatsapp")
        .with("attempts", 1)
        .with("latencyMs", 412);
  }

  static Stream<Arguments> lines() {
    return Stream.of(
        Arguments.of("sent", line("sent"), "sent"),
        Arguments.of("duplicate", line("sent").with("duplicate", true), "duplicate"),
        Arguments.of(
            "fallback",
            line("sent").with("channel", "sms").with("fallbackFrom", List.of("whatsapp:131026")),
            "fallback"),
        Arguments.of(
            "refused by limit",
            line("refused_by_limit").with("failureKind", "REFUSED_BY_LIMIT"),
            "refused_by_limit"),
        Arguments.of("failed", line("failed").with("failureKind", "TRANSIENT_EXHAUSTED"), "failed"),
        Arguments.of("ledger unavailable", line("ledger_unavailable"), "ledger_unavailable"),
        Arguments.of(
            "no outcome (an Error escaped)",
            new DeliveryLogLine("ERROR").with("latencyMs", 3),
            "error"));
  }

  private static Map<String, Object> document(DeliveryLogLine line) {
    return Json.readObjectLeniently(
        line.withMetrics(NOW).toJson().getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked") // the parsed JSON's shape is what the test asserts
  private static Map<String, Object> directive(Map<String, Object> document) {
    Map<String, Object> aws = (Map<String, Object>) document.get("_aws");
    return ((List<Map<String, Object>>) aws.get("CloudWatchMetrics")).get(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lines")
  @SuppressWarnings("unchecked") // the parsed JSON's shape is what the test asserts
  void withMetrics_shouldFollowTheSpecification_whenTheLineIsWritten(
      String name, DeliveryLogLine line, String result) {
    // when
    Map<String, Object> document = document(line);

    // then
    assertThat(document).containsEntry("result", result).containsEntry("events", 1);
    Map<String, Object> aws = (Map<String, Object>) document.get("_aws");
    assertThat(aws).containsEntry("Timestamp", NOW.toEpochMilli());
    Map<String, Object> directive = directive(document);
    assertThat(directive).containsEntry("Namespace", "CognitoWhatsAppOtp");
    for (List<String> set : (List<List<String>>) directive.get("Dimensions")) {
      assertThat(set).isSubsetOf(DIMENSIONS).contains("result");
      set.forEach(dimension -> assertThat(document.get(dimension)).isInstanceOf(String.class));
    }
    for (Map<String, Object> metric : (List<Map<String, Object>>) directive.get("Metrics")) {
      assertThat(document.get((String) metric.get("Name"))).isInstanceOf(Number.class);
      assertThat(metric.get("Unit")).isIn("Count", "Milliseconds");
    }
  }

  @Test
  @SuppressWarnings("unchecked") // the parsed JSON's shape is what the test asserts
  void withMetrics_shouldDimensionByChannelAndTriggerSource_whenASendWasTried() {
    // when
    Map<String, Object> document = document(line("sent"));

    // then
    assertThat(directive(document).get("Dimensions"))
        .isEqualTo(List.of(List.of("result"), List.of("result", "channel", "triggerSource")));
    assertThat(directive(document).get("Metrics"))
        .isEqualTo(
            List.of(
                Map.of("Name", "events", "Unit", "Count"),
                Map.of("Name", "latencyMs", "Unit", "Milliseconds"),
                Map.of("Name", "attempts", "Unit", "Count")));
  }

  @Test
  @SuppressWarnings("unchecked") // the parsed JSON's shape is what the test asserts
  void withMetrics_shouldAddTheFailureKindDimensionAndLeaveOutAttempts_whenFailedOrDuplicate() {
    // when
    Map<String, Object> failed = document(line("failed").with("failureKind", "CONFIGURATION"));
    Map<String, Object> duplicate = document(line("sent").with("duplicate", true));

    // then
    assertThat((List<List<String>>) directive(failed).get("Dimensions"))
        .contains(List.of("result", "failureKind"));
    assertThat((List<Map<String, String>>) directive(duplicate).get("Metrics"))
        .extracting(m -> m.get("Name"))
        .containsExactly("events", "latencyMs");
  }

  @Test
  @SuppressWarnings("unchecked") // the parsed JSON's shape is what the test asserts
  void withMetrics_shouldKeepOnlyTheResultDimension_whenTheEventWasNeverParsed() {
    // given
    DeliveryLogLine line =
        new DeliveryLogLine("ERROR")
            .with("outcome", "refused")
            .with("reason", "event is not valid JSON")
            .with("latencyMs", 0);

    // when
    Map<String, Object> document = document(line);

    // then
    assertThat(directive(document).get("Dimensions")).isEqualTo(List.of(List.of("result")));
    assertThat(document).containsEntry("result", "refused");
  }
}
