package dev.cognitowa.otp.sender.status;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.MessageChannel;
import dev.cognitowa.otp.sender.delivery.MessagePolicy;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.delivery.TemplateRef;
import dev.cognitowa.otp.sender.delivery.TemplateSet;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.support.Json;
import dev.cognitowa.otp.sender.support.Sensitive;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Notifications, requests and a scripted channel for the status function's tests. */
final class StatusFixtures {
  private StatusFixtures() {}

  /** Every trigger source on one authentication template. */
  static MessagePolicy policy() {
    Map<TriggerSource, TemplateRef> templates = new EnumMap<>(TriggerSource.class);
    for (TriggerSource source : TriggerSource.values()) {
      templates.put(source, new TemplateRef("otp_code", "en_US"));
    }
    return new MessagePolicy(templates);
  }

  /** The same, each template approved in English and Brazilian Portuguese too. */
  static MessagePolicy bilingualPolicy() {
    Map<TriggerSource, TemplateRef> templates = new EnumMap<>(TriggerSource.class);
    for (TriggerSource source : TriggerSource.values()) {
      templates.put(source, new TemplateRef("otp_code", "en_US"));
    }
    return new MessagePolicy(new TemplateSet(templates, List.of("en_US", "pt_BR")), Map.of());
  }

  /** Meta's webhook body with one status, as the reference samples have it. */
  static String webhookBody(String messageId, String status, Integer errorCode) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\","
        + "\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
        + "\"metadata\":{\"display_phone_number\":\"15550001111\",\"phone_number_id\":\"106540352242922\"},"
        + "\"statuses\":[{\"id\":\""
        + messageId
        + "\",\"status\":\""
        + status
        + "\",\"timestamp\":\"1764640000\",\"recipient_id\":\"351912345678\""
        + (errorCode == null
            ? ""
            : ",\"errors\":[{\"code\":"
                + errorCode
                + ",\"title\":\"Message undeliverable\",\"message\":\"Message undeliverable\"}]")
        + "}]}}]}]}";
  }

  /** A function URL request (payload format 2.0) carrying {@code body} base64-encoded. */
  static byte[] post(byte[] body, String signature) {
    return StatusEvents.webhookPost(body, signature);
  }

  /** A subscription check. */
  static byte[] get(Map<String, String> query) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("version", "2.0");
    request.put("rawPath", "/");
    request.put("headers", Map.of());
    request.put("queryStringParameters", query);
    request.put("requestContext", Map.of("http", Map.of("method", "GET", "path", "/")));
    request.put("isBase64Encoded", false);
    return Json.write(request).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * An SNS event carrying one AWS End User Messaging Social event whose {@code
   * whatsAppWebhookEntry} is the body's first entry, as a JSON string.
   */
  static byte[] snsEvent(String webhookBody) throws Exception {
    Map<?, ?> body = (Map<?, ?>) Json.read(webhookBody.getBytes(StandardCharsets.UTF_8));
    Object entry = ((List<?>) body.get("entry")).get(0);
    @SuppressWarnings("unchecked") // Json.read gives string-keyed maps
    String entryJson = Json.write((Map<String, ?>) entry);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put(
        "context",
        Map.of(
            "MetaWabaIds",
            List.of(
                Map.of(
                    "wabaId",
                    "102290129340398",
                    "arn",
                    "arn:aws:social-messaging:eu-west-1:123456789012:waba/fb2594b8a7974770b128a409e2example")),
            "MetaPhoneNumberIds",
            List.of(
                Map.of(
                    "metaPhoneNumberId",
                    "106540352242922",
                    "arn",
                    "arn:aws:social-messaging:eu-west-1:123456789012:phone-number-id/976c72a700aac43eaf573ae050example"))));
    event.put("whatsAppWebhookEntry", entryJson);
    event.put("aws_account_id", "123456789012");
    event.put("message_timestamp", "2026-12-01T10:00:03.271279391Z");
    event.put("messageId", "6d69f07a-c317-4278-9d5c-6a84078419ec");
    return StatusEvents.snsNotification(Json.write(event));
  }

  /** A channel that answers from a script (then repeats its last answer), keeping each message. */
  static final class ScriptedChannel implements MessageChannel {
    private final String name;
    private final Deque<DeliveryOutcome> script = new ArrayDeque<>();
    private DeliveryOutcome last;
    final List<String> codesSent = new CopyOnWriteArrayList<>();
    final List<String> languagesSent = new CopyOnWriteArrayList<>();

    ScriptedChannel(String name, DeliveryOutcome... answers) {
      this.name = name;
      script.addAll(List.of(answers));
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public synchronized DeliveryOutcome deliver(OtpMessage message, Instant deadline) {
      codesSent.add(message.bodyParameters().get(0).reveal());
      languagesSent.add(message.template().languageCode());
      if (!script.isEmpty()) {
        last = script.removeFirst();
      }
      return last;
    }

    int sends() {
      return codesSent.size();
    }
  }

  static DeliveryOutcome sent(String channel, String messageId) {
    return DeliveryOutcome.Delivered.accepted(channel, messageId, 1);
  }

  static DeliveryOutcome failed(String channel, DeliveryOutcome.FailureKind kind) {
    return new DeliveryOutcome.Failed(channel, kind, null, "scripted " + kind, 1);
  }

  static Sensitive secret(String value) {
    return Sensitive.of(value);
  }
}
