package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.support.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one JSON line {@code invoke} and {@code send} print on stdout. */
final class ResultLine {
  private ResultLine() {}

  static String sent(DeliveryOutcome.Delivered delivered) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("status", "sent");
    line.put("channel", delivered.channel());
    line.put("messageId", delivered.messageRef());
    line.put("attempts", delivered.attempts());
    if (delivered.duplicate()) {
      line.put("duplicate", true); // nothing sent now: the ledger's record of the earlier delivery
    }
    withFallbacks(delivered, line);
    return json(line);
  }

  /**
   * Nothing was sent because the delivery ledger said wait or could not be asked, or KMS could not
   * decrypt the code for now; retrying later is right.
   */
  static String notSent(String failureKind, String reason) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("status", "failed");
    line.put("failureKind", failureKind);
    line.put("attempts", 0);
    line.put("reason", reason);
    return json(line);
  }

  static String failed(DeliveryOutcome.Failed failed) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("status", "failed");
    line.put("channel", failed.channel());
    line.put("failureKind", failed.kind().name());
    if (failed.errorCode() != null) {
      line.put("errorCode", failed.errorCode());
    }
    line.put("attempts", failed.attempts());
    withFallbacks(failed, line);
    line.put("reason", failed.reason());
    return json(line);
  }

  /**
   * {@code fallbackFrom: ["whatsapp:131026", ...]} when earlier channels failed; absent otherwise.
   */
  private static void withFallbacks(DeliveryOutcome outcome, Map<String, Object> line) {
    if (!outcome.earlierFailures().isEmpty()) {
      line.put("fallbackFrom", outcome.fallbackFrom());
    }
  }

  static String error(String message) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("status", "refused");
    line.put("error", message);
    return json(line);
  }

  private static String json(Map<String, Object> line) {
    return Json.write(line);
  }
}
