package dev.cognitowa.otp.sender.observability;

import dev.cognitowa.otp.sender.support.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one structured JSON log line written per event. Only safe values go in: trigger source, pool,
 * a masked phone number, outcome, attempts, latency, message id, error code and one-line reasons
 * that never hold a secret.
 */
public final class DeliveryLogLine {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  public DeliveryLogLine(String level) {
    fields.put("level", level);
    fields.put("message", "otp delivery");
  }

  /** Adds a field; null values are left out so the line stays short. */
  public DeliveryLogLine with(String name, Object value) {
    if (value != null) {
      fields.put(name, value);
    }
    return this;
  }

  /** Whether the line is already at {@code ERROR}. */
  public boolean isError() {
    return "ERROR".equals(fields.get("level"));
  }

  /**
   * Makes the line a CloudWatch embedded metric format document as well ({@link EmbeddedMetrics}):
   * call last, when the outcome and latency are in.
   */
  public DeliveryLogLine withMetrics(Instant now) {
    EmbeddedMetrics.addTo(fields, now);
    return this;
  }

  public String toJson() {
    return Json.write(fields);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
