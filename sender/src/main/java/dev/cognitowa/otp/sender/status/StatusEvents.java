package dev.cognitowa.otp.sender.status;

import dev.cognitowa.otp.sender.support.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events Lambda hands the status function, built around a payload: what {@code otp status}
 * runs, so a local run goes through exactly the function's path.
 */
public final class StatusEvents {
  private StatusEvents() {}

  /**
   * A function URL request (payload format 2.0) posting {@code body} as Meta would, the raw bytes
   * base64-encoded so that not one byte changes on the way to the signature check. See
   * https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-request-payload
   *
   * @param signature the {@code X-Hub-Signature-256} value, or null to send none
   */
  public static byte[] webhookPost(byte[] body, String signature) {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    if (signature != null) {
      headers.put(WebhookSignature.HEADER, signature);
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("version", "2.0");
    request.put("routeKey", "$default");
    request.put("rawPath", "/");
    request.put("rawQueryString", "");
    request.put("headers", headers);
    request.put("requestContext", Map.of("http", Map.of("method", "POST", "path", "/")));
    request.put("body", Base64.getEncoder().encodeToString(body));
    request.put("isBase64Encoded", true);
    return Json.write(request).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * An SNS event with one record whose message is {@code message} (an AWS End User Messaging Social
   * event). See https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
   */
  public static byte[] snsNotification(String message) {
    Map<String, Object> sns = new LinkedHashMap<>();
    sns.put("Type", "Notification");
    sns.put("Message", message);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("EventSource", "aws:sns");
    record.put("EventVersion", "1.0");
    record.put("Sns", sns);
    return Json.write(Map.of("Records", List.of(record))).getBytes(StandardCharsets.UTF_8);
  }
}
