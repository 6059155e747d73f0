package dev.cognitowa.otp.sender.status;

import dev.cognitowa.otp.sender.support.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one request or event ended: the HTTP answer for a function URL request (Meta delivers again
 * after anything but 200), and what was done with each status.
 *
 * @param statusCode 200 handled; 400, 401, 403, 405, 413 refused; 500 to be delivered again
 * @param body a short plain-text body (the challenge for a subscription check); never a secret
 * @param results what each status led to
 * @param reason why it was refused or failed, safe to log; null when handled
 */
public record StatusResponse(
    int statusCode, String body, List<StatusResult> results, String reason) {
  public StatusResponse {
    results = List.copyOf(results);
  }

  static StatusResponse refused(int statusCode, String reason) {
    return new StatusResponse(
        statusCode, statusCode == 401 ? "unauthorized" : "refused", List.of(), reason);
  }

  /** 500 when a status wants another delivery, 200 otherwise. */
  static StatusResponse of(List<StatusResult> results) {
    boolean retry = results.stream().anyMatch(r -> r.kind().wantsRetry());
    return new StatusResponse(
        retry ? 500 : 200,
        retry ? "retry" : "ok",
        results,
        retry ? "a status could not be handled now; deliver it again" : null);
  }

  /** Refused as a whole: bad signature, bad payload, wrong method, too large. */
  public boolean refused() {
    return statusCode >= 400 && statusCode < 500;
  }

  /** Handled, but a status's fallback did not get the code out, or wants another delivery. */
  public boolean failed() {
    return statusCode >= 500
        || results.stream().anyMatch(r -> r.kind() == StatusResult.Kind.FALLBACK_FAILED);
  }

  /** The function URL's response: {@code {"statusCode", "headers", "body"}}. */
  String toFunctionUrlJson() {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("statusCode", statusCode);
    response.put("headers", Map.of("content-type", "text/plain"));
    response.put("body", body);
    return Json.write(response);
  }
}
