package dev.cognitowa.otp.sender.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.testutils.LocalEnvironment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status function built from the environment, as the Lambda runtime builds it. */
class DeliveryStatusHandlerWiringTest {
  private static final String APP_SECRET = "wiring-app-secret-4b7e19";
  private static final String VERIFY_TOKEN = "wiring-verify-token-55";

  private static Map<String, String> environment() {
    Map<String, String> env = LocalEnvironment.whatsApp(null);
    env.put("OTP_CHANNELS", "whatsapp,sms");
    env.put("OTP_LEDGER_TABLE", "otp-ledger");
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIDTEST");
    env.put("AWS_SECRET_ACCESS_KEY", "test-secret-key");
    return env;
  }

  @Test
  void constructor_shouldAnswerTheSubscriptionCheckFromTheEnvironment_whenRunLocally() {
    // given
    Map<String, String> env = environment();
    env.put("WHATSAPP_APP_SECRET", APP_SECRET);
    env.put("WHATSAPP_WEBHOOK_VERIFY_TOKEN", VERIFY_TOKEN);
    List<String> lines = new ArrayList<>();

    // when
    DeliveryStatusHandler.Handled handled =
        new DeliveryStatusHandler(env, lines::add)
            .handle(
                StatusFixtures.get(
                    Map.of(
                        "hub.mode", "subscribe",
                        "hub.verify_token", VERIFY_TOKEN,
                        "hub.challenge", "31337")),
                Instant.now().plusSeconds(5),
                "r");

    // then
    assertThat(handled.response().statusCode()).isEqualTo(200);
    assertThat(handled.response().body()).isEqualTo("31337");
    assertThat(lines).singleElement().asString().contains("\"outcome\":\"handled\"");
  }

  @Test
  void constructor_shouldBuildWithoutCallingSecretsManager_whenGivenASecretId() {
    // given
    Map<String, String> env = environment();
    env.put("WHATSAPP_APP_SECRET_SECRET_ID", "whatsapp-webhook");

    // when / then: nothing is read before the first request
    assertThat(new DeliveryStatusHandler(env, line -> {})).isNotNull();
  }

  @Test
  void constructor_shouldListTheStatusAndSenderProblemsTogether_whenBothAreWrong() {
    // given
    Map<String, String> env = environment();
    env.remove("OTP_LEDGER_TABLE");
    env.remove("WHATSAPP_PHONE_NUMBER_ID");

    // when / then
    assertThatThrownBy(() -> new DeliveryStatusHandler(env, line -> {}))
        .isInstanceOfSatisfying(
            SenderConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).startsWith("WHATSAPP_APP_SECRET_SECRET_ID"))
                    .anySatisfy(p -> assertThat(p).startsWith("OTP_LEDGER_TABLE"))
                    .anySatisfy(p -> assertThat(p).startsWith("WHATSAPP_PHONE_NUMBER_ID")));
  }
}
