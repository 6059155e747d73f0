package dev.cognitowa.otp.sender.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.delivery.TemplateRef;
import dev.cognitowa.otp.sender.delivery.TemplateSet;
import dev.cognitowa.otp.sender.event.TriggerSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code WHATSAPP_TEMPLATE_LANGUAGES} and {@code OTP_APP_CLIENTS}. */
class SenderConfigLanguagesTest {
  private static final String ACCESS_TOKEN = "EAAlanguages-test-token-7";
  private static final String CLIENT = "4rp0fj3q2mf1m5n7ll3a0k2jo9";

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("WHATSAPP_PHONE_NUMBER_ID", "100000000000001");
    env.put("WHATSAPP_ACCESS_TOKEN", ACCESS_TOKEN);
    env.put("OTP_LOCAL_AES_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    env.put("OTP_LOCAL_KEY_NAMESPACE", "otp-local");
    env.put("OTP_LOCAL_KEY_NAME", "cognito-code-key");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static List<String> problems(Map<String, String> env) {
    try {
      SenderConfig.fromEnvironment(env);
      return List.of();
    } catch (SenderConfigurationException e) {
      return e.problems();
    }
  }

  @Test
  void fromEnvironment_shouldOfferNoChoice_whenNoListIsSet() {
    // given: a temporary-password template that exists in Portuguese only
    Map<String, String> env =
        env(
            "WHATSAPP_TEMPLATE_LANGUAGE", "en_US",
            "WHATSAPP_TEMPLATE_LANGUAGE_ADMIN_CREATE_USER", "pt_BR");

    // when
    SenderConfig config = SenderConfig.fromEnvironment(env);

    // then: a user whose locale is en-US must not get it in en_US
    assertThat(config.templateLanguages()).isEmpty();
    assertThat(config.approvedLanguages()).containsExactly("en_US", "pt_BR");
    assertThat(config.appClientTemplates()).isEmpty();
  }

  @Test
  void approvedLanguages_shouldListTheConfiguredThenTheDefaults_whenBothAreSet() {
    // when
    SenderConfig config =
        SenderConfig.fromEnvironment(
            env(
                "WHATSAPP_TEMPLATE_LANGUAGES", "es,en_US",
                "WHATSAPP_TEMPLATE_LANGUAGE_SIGN_UP", "fr"));

    // then
    assertThat(config.approvedLanguages()).containsExactly("es", "en_US", "fr");
  }

  @Test
  void fromEnvironment_shouldKeepTheListedOrder_whenLanguagesAreListed() {
    // when
    SenderConfig config =
        SenderConfig.fromEnvironment(env("WHATSAPP_TEMPLATE_LANGUAGES", " en_US, pt_PT,pt_BR ,es"));

    // then
    assertThat(config.templateSet().languages()).containsExactly("en_US", "pt_PT", "pt_BR", "es");
  }

  @Test
  void fromEnvironment_shouldListEveryProblemOfTheLanguages_whenSeveralEntriesAreWrong() {
    // given
    Map<String, String> env =
        env("WHATSAPP_TEMPLATE_LANGUAGES", "pt-BR,,es,es,+447911123456,fr_CA");

    // when / then
    assertThat(problems(env))
        .containsExactly(
            "WHATSAPP_TEMPLATE_LANGUAGES lists pt-BR: WhatsApp's codes use '_' (pt_BR)",
            "WHATSAPP_TEMPLATE_LANGUAGES has an empty entry (a comma too many?)",
            "WHATSAPP_TEMPLATE_LANGUAGES lists es twice",
            "WHATSAPP_TEMPLATE_LANGUAGES must list only a WhatsApp language code such as en_US or"
                + " pt_BRs (got 13 characters, not shown)",
            "WHATSAPP_TEMPLATE_LANGUAGES must list the default language en_US"
                + " (WHATSAPP_TEMPLATE_LANGUAGE)");
  }

  @Test
  void fromEnvironment_shouldRefuse_whenMoreLanguagesAreListedThanAllowed() {
    // given: en_US and 64 made-up codes aa_00 .. aa_63
    StringBuilder list = new StringBuilder("en_US");
    for (int i = 0; i < TemplateReader.MAX_TEMPLATE_LANGUAGES; i++) {
      list.append(",aa_").append(String.format(java.util.Locale.ROOT, "%02d", i));
    }

    // when / then
    assertThat(problems(env("WHATSAPP_TEMPLATE_LANGUAGES", list.toString())))
        .containsExactly("WHATSAPP_TEMPLATE_LANGUAGES lists 65 languages, at most 64 allowed");
  }

  @Test
  void fromEnvironment_shouldLayAClientsOverlayOverThePool_whenOtpAppClientsNamesIt() {
    // given
    Map<String, String> env =
        env(
            "WHATSAPP_TEMPLATE_LANGUAGES", "en_US,pt_BR",
            "WHATSAPP_TEMPLATE_NAME_FORGOT_PASSWORD", "reset_code",
            "OTP_APP_CLIENTS",
                "{\""
                    + CLIENT
                    + "\":{\"WHATSAPP_TEMPLATE_NAME\":\"acme_otp\","
                    + "\"WHATSAPP_TEMPLATE_LANGUAGE\":\"pt_BR\","
                    + "\"WHATSAPP_TEMPLATE_LANGUAGES\":\"pt_BR,es\",\"SMS_TEXT\":\"Acme: {code}\"}}");

    // when
    SenderConfig config = SenderConfig.fromEnvironment(env);

    // then
    TemplateSet acme = config.appClientTemplates().get(CLIENT);
    assertThat(acme.templates().get(TriggerSource.SIGN_UP))
        .isEqualTo(new TemplateRef("acme_otp", "pt_BR"));
    assertThat(acme.templates().get(TriggerSource.FORGOT_PASSWORD))
        .isEqualTo(new TemplateRef("reset_code", "pt_BR")); // the pool's per-source name stays
    assertThat(acme.templates().get(TriggerSource.ADMIN_CREATE_USER))
        .isEqualTo(new TemplateRef("temporary_password", "pt_BR"));
    assertThat(acme.languages()).containsExactly("pt_BR", "es");
    assertThat(config.templateFor(TriggerSource.SIGN_UP))
        .isEqualTo(new TemplateRef("otp_code", "en_US"));
  }

  @Test
  void fromEnvironment_shouldNameTheClient_whenItsOverlayIsWrong() {
    // given
    Map<String, String> env =
        env(
            "OTP_APP_CLIENTS",
            "{\""
                + CLIENT
                + "\":{\"WHATSAPP_TEMPLATE_NAME\":\"Acme OTP\",\"WHATSAPP_ACCESS_TOKEN\":\"x\","
                + "\"SMS_TEXT\":7,\"WHATSAPP_TEMPLATE_LANGUAGES\":\"pt_BR\"},"
                + "\"not a client\":{},\"other\":\"x\"}");

    // when / then
    assertThat(problems(env))
        .containsExactly(
            "OTP_APP_CLIENTS client "
                + CLIENT
                + ": WHATSAPP_ACCESS_TOKEN cannot be set per app client (only"
                + " WHATSAPP_TEMPLATE_NAME*, WHATSAPP_TEMPLATE_LANGUAGE*, SMS_TEXT*)",
            "OTP_APP_CLIENTS client " + CLIENT + ": SMS_TEXT must be a non-empty string",
            "OTP_APP_CLIENTS has a key that is not an app client id (1-128 letters, digits, '_' or"
                + " '+'; got 12 characters)",
            "OTP_APP_CLIENTS client other must map to an object of variables",
            "OTP_APP_CLIENTS client "
                + CLIENT
                + ": WHATSAPP_TEMPLATE_NAME must be lower-case letters, digits and '_' (as approved"
                + " in WhatsApp Manager) (got 8 characters, not shown)",
            "OTP_APP_CLIENTS client "
                + CLIENT
                + ": WHATSAPP_TEMPLATE_LANGUAGES must list the default language en_US"
                + " (WHATSAPP_TEMPLATE_LANGUAGE)");
  }

  @Test
  void fromEnvironment_shouldReportAPoolProblemOnce_whenEveryClientInheritsIt() {
    // given
    Map<String, String> env =
        env(
            "WHATSAPP_TEMPLATE_NAME", "Bad Name",
            "OTP_APP_CLIENTS", "{\"a1\":{\"SMS_TEXT\":\"A: {code}\"},\"b2\":{}}");

    // when / then
    assertThat(problems(env))
        .containsExactly(
            "WHATSAPP_TEMPLATE_NAME must be lower-case letters, digits and '_' (as approved in"
                + " WhatsApp Manager) (got 8 characters, not shown)");
  }

  @Test
  void fromEnvironment_shouldSayWhereTheJsonBroke_whenOtpAppClientsIsNotJson() {
    // given
    Map<String, String> env = env("OTP_APP_CLIENTS", "{\"a1\": {\"SMS_TEXT\": \"" + ACCESS_TOKEN);

    // when / then
    assertThatThrownBy(() -> SenderConfig.fromEnvironment(env))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining("OTP_APP_CLIENTS is not valid JSON (at column")
        .hasMessageNotContaining(ACCESS_TOKEN);
  }

  @Test
  void fromEnvironment_shouldRefuse_whenOtpAppClientsIsNotAnObject() {
    // when / then
    assertThat(problems(env("OTP_APP_CLIENTS", "[\"a1\"]")))
        .containsExactly(
            "OTP_APP_CLIENTS must be a JSON object: app client id -> {variable: value}");
  }
}
