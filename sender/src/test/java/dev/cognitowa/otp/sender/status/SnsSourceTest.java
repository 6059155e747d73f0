package dev.cognitowa.otp.sender.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.support.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which SNS records the status function takes: from its own topic, for the topic's account and its
 * own WABA, as the event header carries them
 * (https://docs.aws.amazon.com/social-messaging/latest/userguide/managing-event-destination-dlrs.html).
 */
class SnsSourceTest {
  static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:StatusEvents";
  static final String WABA = "waba-fb2594b8a7974770b128a409e2eeeeee";
  private static final String WABA_ARN =
      "arn:aws:social-messaging:eu-west-1:123456789012:waba/fb2594b8a7974770b128a409e2eeeeee";
  private static final SnsSource OURS = new SnsSource(Optional.of(TOPIC), Optional.of(WABA));

  private static Map<?, ?> event(String account, String wabaArn) {
    String json =
        Json.write(
            Map.of(
                "context",
                Map.of("MetaWabaIds", List.of(Map.of("wabaId", "1", "arn", wabaArn))),
                "aws_account_id",
                account,
                "whatsAppWebhookEntry",
                "{}"));
    return StatusNotifications.object(json.getBytes(StandardCharsets.UTF_8), "SNS message");
  }

  static Stream<Arguments> cases() {
    String otherWaba = WABA_ARN.replace("eeeeee", "ffffff");
    String otherAccountWaba = WABA_ARN.replace("123456789012", "210987654321");
    return Stream.of(
        Arguments.of("ours", OURS, TOPIC, event("123456789012", WABA_ARN), null),
        Arguments.of(
            "ours, WABA given as its ARN",
            new SnsSource(Optional.of(TOPIC), Optional.of(WABA_ARN)),
            TOPIC,
            event("123456789012", WABA_ARN),
            null),
        Arguments.of(
            "another topic", OURS, TOPIC + "2", event("123456789012", WABA_ARN), "another topic"),
        Arguments.of("no topic", OURS, null, event("123456789012", WABA_ARN), "another topic"),
        Arguments.of(
            "another account", OURS, TOPIC, event("210987654321", WABA_ARN), "another account"),
        Arguments.of("another WABA", OURS, TOPIC, event("123456789012", otherWaba), "another WABA"),
        Arguments.of(
            "our WABA's id in another account",
            OURS,
            TOPIC,
            event("123456789012", otherAccountWaba),
            "another WABA"),
        Arguments.of(
            "any WABA of the account when none is configured",
            new SnsSource(Optional.of(TOPIC), Optional.empty()),
            TOPIC,
            event("123456789012", otherWaba),
            null),
        Arguments.of(
            "anything locally", SnsSource.ANY, null, event("210987654321", otherWaba), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusal_shouldTakeOnlyOurTopicAccountAndWaba(
      String name, SnsSource source, String topic, Map<?, ?> event, String refusal) {
    // when
    Optional<String> answer = source.refusal(topic, event);

    // then
    if (refusal == null) {
      assertThat(answer).isEmpty();
    } else {
      assertThat(answer).get().asString().contains(refusal);
    }
  }
}
