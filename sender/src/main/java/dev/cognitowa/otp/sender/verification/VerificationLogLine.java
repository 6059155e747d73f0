package dev.cognitowa.otp.sender.verification;

import dev.cognitowa.otp.sender.conversion.Verified;
import dev.cognitowa.otp.sender.observability.EmbeddedMetrics;
import dev.cognitowa.otp.sender.support.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON log line per verification event, an embedded metric format document as the sender's
 * line is ({@link EmbeddedMetrics}): {@code verifications} (1 per event) and, when verified, {@code
 * timeToVerifyMs}, by {@code [result]}, {@code [result, channel, country]} and {@code [result,
 * channel, triggerSource]}. Dimensions name a channel, an ISO region and a trigger source, never a
 * user or a number; the user's name is not on the line at all.
 */
final class VerificationLogLine {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  VerificationLogLine(String requestId) {
    fields.put("level", "INFO");
    fields.put("message", "otp verification");
    fields.put("requestId", requestId);
  }

  VerificationLogLine with(String name, Object value) {
    if (value != null) {
      fields.put(name, value);
    }
    return this;
  }

  /** The fields of a verified send. */
  void verified(Verified verified) {
    with("result", "verified")
        .with("family", verified.family().id())
        .with("channel", verified.send().channel())
        .with("country", verified.send().country())
        .with("triggerSource", verified.send().triggerSource())
        .with("timeToVerifyMs", verified.timeToVerify().toMillis());
  }

  String toJson(Instant now) {
    fields.putIfAbsent("result", "error");
    fields.put("verifications", 1);
    List<List<String>> dimensions = new ArrayList<>();
    dimensions.add(List.of("result"));
    List<Map<String, String>> metrics = new ArrayList<>();
    metrics.add(metric("verifications", "Count"));
    if (fields.get("channel") instanceof String) {
      dimensions.add(List.of("result", "channel", "country"));
      dimensions.add(List.of("result", "channel", "triggerSource"));
      metrics.add(metric("timeToVerifyMs", "Milliseconds"));
    }
    Map<String, Object> directive = new LinkedHashMap<>();
    directive.put("Namespace", EmbeddedMetrics.NAMESPACE);
    directive.put("Dimensions", dimensions);
    directive.put("Metrics", metrics);
    Map<String, Object> aws = new LinkedHashMap<>();
    aws.put("Timestamp", now.toEpochMilli());
    aws.put("CloudWatchMetrics", List.of(directive));
    fields.put("_aws", aws);
    return Json.write(fields);
  }

  private static Map<String, String> metric(String name, String unit) {
    Map<String, String> metric = new LinkedHashMap<>();
    metric.put("Name", name);
    metric.put("Unit", unit);
    return metric;
  }
}
