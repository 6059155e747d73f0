package dev.cognitowa.otp.cli.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code otp templates} wants each app client's templates too, as the sender sends them. */
class TemplateSettingsAppClientsTest {
  private static final String WABA = "102290129340398";
  private static final String TOKEN = "not-a-real-token";

  @Test
  void fromEnvironment_shouldWantEachAppClientsTemplatesInItsLanguages_whenOtpAppClientsIsSet() {
    // given
    Map<String, String> env =
        Map.of(
            "WHATSAPP_BUSINESS_ACCOUNT_ID",
            WABA,
            "WHATSAPP_ACCESS_TOKEN",
            TOKEN,
            "WHATSAPP_TEMPLATE_LANGUAGES",
            "en_US,pt_BR",
            "OTP_APP_CLIENTS",
            "{\"acme1\":{\"WHATSAPP_TEMPLATE_NAME\":\"acme_otp\","
                + "\"WHATSAPP_TEMPLATE_LANGUAGE\":\"es\",\"WHATSAPP_TEMPLATE_LANGUAGES\":\"es\"},"
                + "\"plain2\":{\"SMS_TEXT\":\"Plain: {code}\"}}");

    // when
    TemplateSettings settings = TemplateSettings.fromEnvironment(env, "whatsapp", List.of());

    // then: the pool's, then acme's; plain2 changes no template, so adds nothing
    assertThat(settings.wanted())
        .extracting(w -> w.name() + "/" + w.language())
        .containsExactly(
            "otp_code/en_US",
            "otp_code/pt_BR",
            "temporary_password/en_US",
            "temporary_password/pt_BR",
            "acme_otp/es",
            "temporary_password/es");
  }

  @Test
  void fromEnvironment_shouldNameTheClient_whenItsTemplateNameIsWrong() {
    // given
    Map<String, String> env =
        Map.of(
            "WHATSAPP_BUSINESS_ACCOUNT_ID", WABA,
            "WHATSAPP_ACCESS_TOKEN", TOKEN,
            "OTP_APP_CLIENTS", "{\"acme1\":{\"WHATSAPP_TEMPLATE_NAME_SIGN_UP\":\"Acme OTP\"}}");

    // when / then
    assertThatThrownBy(() -> TemplateSettings.fromEnvironment(env, "whatsapp", List.of()))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining(
            "OTP_APP_CLIENTS client acme1: WHATSAPP_TEMPLATE_NAME_SIGN_UP must be lower-case");
  }
}
