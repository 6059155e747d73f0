package dev.cognitowa.otp.sender.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.delivery.MessageRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is read out of a notification, and what is left out without failing the rest. */
class StatusNotificationsTest {
  private static List<StatusUpdate> read(String body) {
    return StatusNotifications.fromWebhookBody(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void fromWebhookBody_shouldReadIdStatusTimeAndFirstErrorCode_whenAStatusIsComplete() {
    // when
    List<StatusUpdate> updates = read(StatusFixtures.webhookBody("wamid.A1", "failed", 131047));

    // then
    assertThat(updates)
        .containsExactly(
            new StatusUpdate(
                MessageRef.of("wamid.A1"), "failed", Instant.ofEpochSecond(1764640000L), 131047));
  }

  @Test
  void fromWebhookBody_shouldLeaveOutWhatIsNotAMessageStatus_whenTheBodyMixesThem() {
    // given: a non-object entry, another field, a status without id, an over-long id, a bad time,
    // an error without a code, and one good status
    String body =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[\"x\",{\"changes\":["
            + "{\"field\":\"message_template_status_update\",\"value\":{\"statuses\":[{\"id\":\"t\",\"status\":\"failed\"}]}},"
            + "{\"field\":\"messages\",\"value\":\"not an object\"},"
            + "{\"field\":\"messages\",\"value\":{\"statuses\":[7,"
            + "{\"status\":\"failed\"},"
            + "{\"id\":\""
            + "w".repeat(StatusNotifications.MAX_MESSAGE_ID_LENGTH + 1)
            + "\",\"status\":\"failed\"},"
            + "{\"id\":\"  \",\"status\":\"failed\"},"
            + "{\"id\":\"wamid.B2\",\"status\":\"failed\",\"timestamp\":\"soon\","
            + "\"errors\":[{\"title\":\"no code\"}]},"
            + "{\"id\":\"wamid.C3\",\"status\":\"read\",\"timestamp\":1764640000}"
            + "]}}]}]}";

    // when
    List<StatusUpdate> updates = read(body);

    // then
    assertThat(updates)
        .containsExactly(
            new StatusUpdate(MessageRef.of("wamid.B2"), "failed", null, null),
            new StatusUpdate(MessageRef.of("wamid.C3"), "read", null, null));
  }

  @Test
  void fromWebhookBody_shouldRefuse_whenTheBodyIsNotAnObjectWithAnObjectField() {
    // when / then
    assertThatThrownBy(() -> read("[1,2]"))
        .isInstanceOf(StatusPayloadException.class)
        .hasMessage("webhook body is not a JSON object");
    assertThatThrownBy(() -> read("{\"object\":7}"))
        .isInstanceOf(StatusPayloadException.class)
        .hasMessage("webhook body has no \"object\"");
    assertThatThrownBy(() -> read("{\"object\":\"a\",\"object\":\"b\"}"))
        .isInstanceOf(StatusPayloadException.class)
        .hasMessage("webhook body is not valid JSON");
  }

  @Test
  void fromEumEvent_shouldReadAWholeWebhookBody_whenTheEntryStringHoldsOne() {
    // given: should EUM ever publish the whole notification rather than one entry
    String body = StatusFixtures.webhookBody("wamid.D4", "delivered", null);
    String event =
        "{\"whatsAppWebhookEntry\":\"" + body.replace("\"", "\\\"") + "\",\"context\":{}}";

    // when
    List<StatusUpdate> updates = StatusNotifications.fromEumEvent(event);

    // then
    assertThat(updates).extracting(StatusUpdate::ref).containsExactly(MessageRef.of("wamid.D4"));
  }

  @Test
  void fromEumEvent_shouldRefuse_whenTheEntryIsNotAString() {
    // when / then
    assertThatThrownBy(() -> StatusNotifications.fromEumEvent("{\"whatsAppWebhookEntry\":{}}"))
        .isInstanceOf(StatusPayloadException.class)
        .hasMessageContaining("no whatsAppWebhookEntry");
  }
}
