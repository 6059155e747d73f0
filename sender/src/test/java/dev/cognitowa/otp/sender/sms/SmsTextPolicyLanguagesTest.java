package dev.cognitowa.otp.sender.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.delivery.TemplateRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SMS texts per language and per app client. */
class SmsTextPolicyLanguagesTest {
  private static final String ACME = "4rp0fj3q2mf1m5n7ll3a0k2jo9";

  private static OtpMessage in(OtpMessage message, String language, String appClientId) {
    return new OtpMessage(
        message.triggerSource(),
        message.recipient(),
        new TemplateRef(message.template().name(), language),
        message.bodyParameters(),
        message.urlButtonParameter(),
        Optional.ofNullable(appClientId));
  }

  private static final Map<String, String> ENV =
      Map.of(
          "SMS_TEXT", "Your code: {code}",
          "SMS_TEXT_FORGOT_PASSWORD", "Reset code: {code}",
          "SMS_TEXT_pt_BR", "Seu código: {code}",
          "SMS_TEXT_FORGOT_PASSWORD_es", "Código para restablecer: {code}",
          "SMS_TEXT_ADMIN_CREATE_USER_pt_BR", "Olá {username}, sua senha temporária é {code}",
          "OTP_APP_CLIENTS",
              "{\""
                  + ACME
                  + "\":{\"SMS_TEXT\":\"Acme: {code}\",\"SMS_TEXT_pt_BR\":\"Acme: {code}!\"}}");

  @Test
  void render_shouldTakeTheTextOfTheTemplatesLanguage_whenOneIsConfigured() {
    // given
    SmsTextPolicy policy = SmsTextPolicy.fromEnvironment(ENV);

    // when / then
    assertThat(policy.render(in(SmsMessages.code(TriggerSource.SIGN_UP), "pt_BR", null)).reveal())
        .isEqualTo("Seu código: " + TestSecrets.CODE);
    assertThat(
            policy
                .render(in(SmsMessages.code(TriggerSource.FORGOT_PASSWORD), "pt_BR", null))
                .reveal())
        .isEqualTo("Seu código: " + TestSecrets.CODE); // the language beats the source
    assertThat(
            policy.render(in(SmsMessages.code(TriggerSource.FORGOT_PASSWORD), "es", null)).reveal())
        .isEqualTo("Código para restablecer: " + TestSecrets.CODE);
    assertThat(policy.render(in(SmsMessages.temporaryPassword(), "pt_BR", null)).reveal())
        .isEqualTo(
            "Olá "
                + SmsMessages.USER_NAME
                + ", sua senha temporária é "
                + TestSecrets.TEMPORARY_PASSWORD);
  }

  @Test
  void render_shouldFallBackToTheUnlocalisedText_whenTheLanguageHasNone() {
    // given
    SmsTextPolicy policy = SmsTextPolicy.fromEnvironment(ENV);

    // when / then
    assertThat(policy.render(in(SmsMessages.code(TriggerSource.SIGN_UP), "es", null)).reveal())
        .isEqualTo("Your code: " + TestSecrets.CODE);
    assertThat(
            policy.render(in(SmsMessages.code(TriggerSource.FORGOT_PASSWORD), "fr", null)).reveal())
        .isEqualTo("Reset code: " + TestSecrets.CODE);
    assertThat(policy.render(in(SmsMessages.temporaryPassword(), "es", null)).reveal())
        .isEqualTo(
            "Hi "
                + SmsMessages.USER_NAME
                + ", your temporary password is "
                + TestSecrets.TEMPORARY_PASSWORD); // never SMS_TEXT's "code" for a password
  }

  @Test
  void render_shouldTakeTheClientsText_whenTheMessageIsForAConfiguredClient() {
    // given
    SmsTextPolicy policy = SmsTextPolicy.fromEnvironment(ENV);

    // when / then
    assertThat(policy.render(in(SmsMessages.code(TriggerSource.SIGN_UP), "en_US", ACME)).reveal())
        .isEqualTo("Acme: " + TestSecrets.CODE);
    assertThat(policy.render(in(SmsMessages.code(TriggerSource.SIGN_UP), "pt_BR", ACME)).reveal())
        .isEqualTo("Acme: " + TestSecrets.CODE + "!");
    assertThat(
            policy
                .render(in(SmsMessages.code(TriggerSource.SIGN_UP), "en_US", "someoneelse1"))
                .reveal())
        .isEqualTo("Your code: " + TestSecrets.CODE);
  }

  @Test
  void validate_shouldCheckLocalisedAndClientTexts_whenTheyAreWrong() {
    // given
    Map<String, String> env =
        Map.of(
            "SMS_TEXT", "no placeholder",
            "SMS_TEXT_AUTHENTICATION_pt_BR", "Olá {username}: {code}",
            "SMS_TEXT_es", "código: {code}",
            "OTP_APP_CLIENTS",
                "{\"" + ACME + "\":{\"SMS_TEXT_es\":\"" + "ł".repeat(200) + "{code}\"}}");

    // when / then: SMS_TEXT's problem once, though the client inherits it
    assertThat(SmsTextPolicy.validate(env))
        .containsExactly(
            "SMS_TEXT has no {code}",
            "SMS_TEXT_AUTHENTICATION_pt_BR uses {username}, which only"
                + " SMS_TEXT_ADMIN_CREATE_USER may",
            "OTP_APP_CLIENTS client "
                + ACME
                + ": SMS_TEXT_es takes 4 SMS segments (208 UCS-2 characters with the"
                + " placeholders at their longest), at most 3 allowed");
  }
}
