package dev.cognitowa.otp.sender.status;

import dev.cognitowa.otp.sender.delivery.MessageRef;
import dev.cognitowa.otp.sender.support.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the statuses out of a WhatsApp notification: Meta's webhook body, or the same entry as AWS
 * End User Messaging Social publishes it to SNS. Anything in them that is not a message status
 * (incoming messages, template updates, other fields) is left out.
 */
final class StatusNotifications {
  /** The webhook body's {@code object} for WhatsApp Business notifications. */
  static final String WHATSAPP_OBJECT = "whatsapp_business_account";

  /** The {@code field} of a change that carries message statuses. */
  static final String MESSAGES_FIELD = "messages";

  /** A wamid is some 60 characters; anything far longer is not one, and is not looked up. */
  static final int MAX_MESSAGE_ID_LENGTH = 256;

  private StatusNotifications() {}

  /**
   * The statuses of a Meta webhook body. See
   * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples#message-status-updates
   *
   * @throws StatusPayloadException when the body is not a JSON object with a string {@code object};
   *     a notification for another object has no statuses
   */
  static List<StatusUpdate> fromWebhookBody(byte[] body) {
    Map<?, ?> root = object(body, "webhook body");
    if (!(root.get("object") instanceof String object)) {
      throw new StatusPayloadException("webhook body has no \"object\"");
    }
    List<StatusUpdate> updates = new ArrayList<>();
    if (WHATSAPP_OBJECT.equals(object)) {
      for (Object entry : list(root.get("entry"))) {
        fromEntry(entry, updates);
      }
    }
    return updates;
  }

  /**
   * The statuses of one AWS End User Messaging Social event, as its SNS message carries it: a
   * header ({@code context}, {@code aws_account_id}, {@code message_timestamp}, an event id) and
   * {@code whatsAppWebhookEntry}, Meta's notification as a JSON string. See
   * https://docs.aws.amazon.com/social-messaging/latest/userguide/managing-event-destination-dlrs.html
   * The string is read as one {@code entry} ({@code {"id", "changes"}}), or as a whole webhook body
   * should it hold one.
   */
  static List<StatusUpdate> fromEumEvent(String message) {
    return fromEumEvent(object(message.getBytes(StandardCharsets.UTF_8), "SNS message"));
  }

  /** The same, for the event already read as a JSON object. */
  static List<StatusUpdate> fromEumEvent(Map<?, ?> event) {
    if (!(event.get("whatsAppWebhookEntry") instanceof String entryJson)) {
      throw new StatusPayloadException(
          "SNS message is not an End User Messaging Social event (no whatsAppWebhookEntry)");
    }
    byte[] bytes = entryJson.getBytes(StandardCharsets.UTF_8);
    Map<?, ?> entry = object(bytes, "whatsAppWebhookEntry");
    if (entry.containsKey("entry")) {
      return fromWebhookBody(bytes);
    }
    List<StatusUpdate> updates = new ArrayList<>();
    fromEntry(entry, updates);
    return updates;
  }

  private static void fromEntry(Object entry, List<StatusUpdate> updates) {
    if (!(entry instanceof Map<?, ?> map)) {
      return;
    }
    for (Object change : list(map.get("changes"))) {
      if (change instanceof Map<?, ?> c
          && MESSAGES_FIELD.equals(c.get("field"))
          && c.get("value") instanceof Map<?, ?> value) {
        for (Object status : list(value.get("statuses"))) {
          if (status instanceof Map<?, ?> s) {
            update(s, updates);
          }
        }
      }
    }
  }

  private static void update(Map<?, ?> status, List<StatusUpdate> updates) {
    if (status.get("id") instanceof String id
        && !id.isBlank()
        && id.length() <= MAX_MESSAGE_ID_LENGTH
        && status.get("status") instanceof String kind) {
      updates.add(
          new StatusUpdate(
              MessageRef.of(id), kind, timestamp(status.get("timestamp")), errorCode(status)));
    }
  }

  /** Meta writes epoch seconds as a string. */
  private static Instant timestamp(Object value) {
    try {
      return value instanceof String s ? Instant.ofEpochSecond(Long.parseLong(s)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Integer errorCode(Map<?, ?> status) {
    List<?> errors = list(status.get("errors"));
    if (!errors.isEmpty()
        && errors.get(0) instanceof Map<?, ?> error
        && error.get("code") instanceof Number code) {
      return code.intValue();
    }
    return null;
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }

  static Map<?, ?> object(byte[] json, String what) {
    try {
      if (Json.read(json) instanceof Map<?, ?> map) {
        return map;
      }
    } catch (IOException | RuntimeException e) {
      throw new StatusPayloadException(what + " is not valid JSON");
    }
    throw new StatusPayloadException(what + " is not a JSON object");
  }
}
