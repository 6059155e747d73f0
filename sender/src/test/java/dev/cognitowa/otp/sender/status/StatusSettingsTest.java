package dev.cognitowa.otp.sender.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.support.Sensitive;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status function's own settings, every problem listed at once. */
class StatusSettingsTest {
  private static final String APP_SECRET = "settings-app-secret-8d1e";
  private static final String PHONE = "+447911123456";

  @Test
  void fromEnvironment_shouldListEveryProblem_whenNothingIsSet() {
    // when / then
    assertThatThrownBy(() -> StatusSettings.fromEnvironment(Map.of()))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining("WHATSAPP_APP_SECRET_SECRET_ID is not set")
        .hasMessageContaining("OTP_LEDGER_TABLE is not set");
  }

  @Test
  void fromEnvironment_shouldUseTheDefaultWindowAndTheLocalSecrets_whenRunLocally() {
    // when
    StatusSettings settings =
        StatusSettings.fromEnvironment(
            Map.of(
                "WHATSAPP_APP_SECRET", APP_SECRET,
                "WHATSAPP_WEBHOOK_VERIFY_TOKEN", "local-verify-token",
                "OTP_LEDGER_TABLE", "otp-ledger"));

    // then
    assertThat(settings.fallbackWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.appSecretSecretId()).isEmpty();
    assertThat(settings.localSecrets().appSecret()).contains(Sensitive.of(APP_SECRET));
  }

  @Test
  void fromEnvironment_shouldRefuseBothSourcesAndABadWindow_whenAllAreWrong() {
    // when / then
    assertThatThrownBy(
            () ->
                StatusSettings.fromEnvironment(
                    Map.of(
                        "WHATSAPP_APP_SECRET", APP_SECRET,
                        "WHATSAPP_APP_SECRET_SECRET_ID", "whatsapp-webhook",
                        "OTP_LEDGER_TABLE", "otp-ledger",
                        "OTP_FALLBACK_WINDOW_SECONDS", "7200")))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining(
            "set only one of WHATSAPP_APP_SECRET_SECRET_ID and WHATSAPP_APP_SECRET")
        .hasMessageContaining(
            "OTP_FALLBACK_WINDOW_SECONDS must be a whole number of seconds 1..3600, was 7200");
  }

  @Test
  void fromEnvironment_shouldNotEchoTheValue_whenAPhoneNumberLandsInTheWindow() {
    // when / then
    assertThatThrownBy(
            () ->
                StatusSettings.fromEnvironment(
                    Map.of(
                        "WHATSAPP_APP_SECRET_SECRET_ID", "whatsapp-webhook",
                        "OTP_LEDGER_TABLE", "otp-ledger",
                        "OTP_FALLBACK_WINDOW_SECONDS", PHONE)))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining("OTP_FALLBACK_WINDOW_SECONDS must be")
        .hasMessageNotContaining(PHONE.substring(1));
  }

  @Test
  void fromEnvironment_shouldNotEchoTheSecretId_whenItLooksPasted() {
    // when / then
    assertThatThrownBy(
            () ->
                StatusSettings.fromEnvironment(
                    Map.of(
                        "WHATSAPP_APP_SECRET_SECRET_ID",
                        APP_SECRET + " with spaces",
                        "OTP_LEDGER_TABLE",
                        "otp-ledger")))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining("must be a Secrets Manager secret name or ARN")
        .hasMessageNotContaining(APP_SECRET);
  }

  @Test
  void fromEnvironment_shouldReadTheSnsSource_whenTopicAndWabaAreSet() {
    // when
    StatusSettings settings =
        StatusSettings.fromEnvironment(
            Map.of(
                "WHATSAPP_APP_SECRET_SECRET_ID",
                "whatsapp-webhook",
                "OTP_LEDGER_TABLE",
                "otp-ledger",
                "OTP_STATUS_TOPIC_ARN",
                SnsSourceTest.TOPIC,
                "EUM_WHATSAPP_BUSINESS_ACCOUNT_ID",
                SnsSourceTest.WABA));

    // then
    assertThat(settings.snsSource())
        .isEqualTo(
            new SnsSource(
                java.util.Optional.of(SnsSourceTest.TOPIC),
                java.util.Optional.of(SnsSourceTest.WABA)));
  }

  @Test
  void fromEnvironment_shouldNameBothProblems_whenTopicAndWabaAreMalformed() {
    // when / then
    assertThatThrownBy(
            () ->
                StatusSettings.fromEnvironment(
                    Map.of(
                        "WHATSAPP_APP_SECRET_SECRET_ID", "whatsapp-webhook",
                        "OTP_LEDGER_TABLE", "otp-ledger",
                        "OTP_STATUS_TOPIC_ARN", "events.fifo",
                        "EUM_WHATSAPP_BUSINESS_ACCOUNT_ID", "102290129340398")))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining("OTP_STATUS_TOPIC_ARN must be a standard SNS topic ARN")
        .hasMessageContaining("EUM_WHATSAPP_BUSINESS_ACCOUNT_ID must be waba-... or its ARN");
  }
}
