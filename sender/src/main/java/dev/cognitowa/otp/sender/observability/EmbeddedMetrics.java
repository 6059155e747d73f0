package dev.cognitowa.otp.sender.observability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the one log line per event into a CloudWatch embedded metric format (EMF) document, so
 * CloudWatch Logs extracts the metrics from the line Lambda writes anyway: no second line, no
 * client, no call. The specification allows it: the root may hold any other members, the {@code
 * _aws} member names the metrics and dimensions, and each metric and dimension is a root member of
 * that name
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 *
 * <p>Metrics, in namespace {@value #NAMESPACE}: {@code events} (1 per event), {@code latencyMs},
 * and {@code attempts} (provider requests; not for a duplicate, which sent nothing). Dimensions:
 * {@code [result]}; {@code [result, channel, triggerSource]} when both are known; {@code [result,
 * failureKind]} on failures; {@code [result, channel, country]} (the number's ISO region, the
 * funnel per country) and {@code [result, limit]} for a refusal (e.g. the conversion breaker's).
 * {@code result} is one of {@code sent}, {@code duplicate}, {@code fallback} (sent by a later
 * channel), {@code refused_by_limit}, {@code failed}, {@code refused} (bad event), {@code
 * in_progress}, {@code ledger_unavailable}, {@code limits_unavailable}, {@code error}. Nothing
 * personal is a dimension: no number, user name or message id.
 */
public final class EmbeddedMetrics {
  /** The CloudWatch namespace of every metric the sender emits. */
  public static final String NAMESPACE = "CognitoWhatsAppOtp";

  private EmbeddedMetrics() {}

  /** Adds {@code result}, {@code events} and the {@code _aws} block to a log line's fields. */
  static void addTo(Map<String, Object> fields, Instant now) {
    String result = result(fields);
    fields.put("result", result);
    fields.put("events", 1);
    List<List<String>> dimensions = new ArrayList<>();
    dimensions.add(List.of("result"));
    if (fields.get("channel") instanceof String && fields.get("triggerSource") instanceof String) {
      dimensions.add(List.of("result", "channel", "triggerSource"));
    }
    if (fields.get("channel") instanceof String && fields.get("country") instanceof String) {
      dimensions.add(List.of("result", "channel", "country"));
    }
    if (fields.get("failureKind") instanceof String) {
      dimensions.add(List.of("result", "failureKind"));
    }
    if (fields.get("limit") instanceof String) {
      dimensions.add(List.of("result", "limit"));
    }
    List<Map<String, String>> metrics = new ArrayList<>();
    metrics.add(metric("events", "Count"));
    if (fields.get("latencyMs") instanceof Number) {
      metrics.add(metric("latencyMs", "Milliseconds"));
    }
    if (fields.get("attempts") instanceof Number && !"duplicate".equals(result)) {
      metrics.add(metric("attempts", "Count"));
    }
    Map<String, Object> directive = new LinkedHashMap<>();
    directive.put("Namespace", NAMESPACE);
    directive.put("Dimensions", dimensions);
    directive.put("Metrics", metrics);
    Map<String, Object> aws = new LinkedHashMap<>();
    aws.put("Timestamp", now.toEpochMilli());
    aws.put("CloudWatchMetrics", List.of(directive));
    fields.put("_aws", aws);
  }

  /** The event's result as a dimension value, from the line's {@code outcome} and flags. */
  static String result(Map<String, Object> fields) {
    Object outcome = fields.get("outcome");
    if (!(outcome instanceof String name)) {
      return "error";
    }
    if ("sent".equals(name)) {
      if (Boolean.TRUE.equals(fields.get("duplicate"))) {
        return "duplicate";
      }
      return fields.containsKey("fallbackFrom") ? "fallback" : "sent";
    }
    return name;
  }

  private static Map<String, String> metric(String name, String unit) {
    Map<String, String> metric = new LinkedHashMap<>();
    metric.put("Name", name);
    metric.put("Unit", unit);
    return metric;
  }
}
