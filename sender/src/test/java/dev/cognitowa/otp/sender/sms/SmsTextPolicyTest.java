package dev.cognitowa.otp.sender.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmsTextPolicyTest {

  @Test
  void render_shouldUseTheDefaultPerSource_whenNothingIsConfigured() {
    // given
    SmsTextPolicy policy = SmsTextPolicy.fromEnvironment(Map.of());

    // when / then
    assertThat(policy.render(SmsMessages.code(TriggerSource.SIGN_UP)).reveal())
        .isEqualTo("Your verification code is " + TestSecrets.CODE);
    assertThat(policy.render(SmsMessages.code(TriggerSource.AUTHENTICATION)).reveal())
        .isEqualTo("Your sign-in code is " + TestSecrets.CODE);
    assertThat(policy.render(SmsMessages.code(TriggerSource.FORGOT_PASSWORD)).reveal())
        .isEqualTo("Your password reset code is " + TestSecrets.CODE);
    assertThat(policy.render(SmsMessages.temporaryPassword()).reveal())
        .isEqualTo(
            "Hi "
                + SmsMessages.USER_NAME
                + ", your temporary password is "
                + TestSecrets.TEMPORARY_PASSWORD);
  }

  @Test
  void render_shouldNeverShowTheCode_whenPrinted() {
    // given
    SmsTextPolicy policy = SmsTextPolicy.fromEnvironment(Map.of());

    // when
    String printed = String.valueOf(policy.render(SmsMessages.code(TriggerSource.SIGN_UP)));

    // then
    assertThat(printed).doesNotContain(TestSecrets.CODE);
  }

  @Test
  void text_shouldPreferThePerSourceText_whenBothSmsTextAndOneSourceAreSet() {
    // given
    SmsTextPolicy policy =
        SmsTextPolicy.fromEnvironment(
            Map.of(
                "SMS_TEXT",
                "Acme code: {code}",
                "SMS_TEXT_FORGOT_PASSWORD",
                "Acme reset code: {code}"));

    // when / then
    assertThat(policy.text(TriggerSource.SIGN_UP)).isEqualTo("Acme code: {code}");
    assertThat(policy.text(TriggerSource.FORGOT_PASSWORD)).isEqualTo("Acme reset code: {code}");
    assertThat(policy.text(TriggerSource.ADMIN_CREATE_USER))
        .isEqualTo("Hi {username}, your temporary password is {code}");
  }

  @Test
  void text_shouldTakeTheAdminText_whenSmsTextAdminCreateUserIsSet() {
    // given
    SmsTextPolicy policy =
        SmsTextPolicy.fromEnvironment(
            Map.of(
                "SMS_TEXT_ADMIN_CREATE_USER",
                "Welcome {username}! Password: {code}",
                "SMS_TEXT_SIGN_UP",
                " "));

    // when / then
    assertThat(policy.render(SmsMessages.temporaryPassword()).reveal())
        .isEqualTo(
            "Welcome " + SmsMessages.USER_NAME + "! Password: " + TestSecrets.TEMPORARY_PASSWORD);
    assertThat(policy.text(TriggerSource.SIGN_UP)).isEqualTo("Your verification code is {code}");
  }

  @Test
  void validate_shouldListEveryProblemOnce_whenSeveralTextsAreWrong() {
    // given
    Map<String, String> env =
        Map.of(
            "SMS_TEXT",
            "Your code",
            "SMS_TEXT_AUTHENTICATION",
            "Hi {username}: {code}",
            "SMS_TEXT_ADMIN_CREATE_USER",
            "ł".repeat(170) + "{code}");

    // when / then
    assertThat(SmsTextPolicy.validate(env))
        .containsExactly(
            "SMS_TEXT has no {code}",
            "SMS_TEXT_AUTHENTICATION uses {username}, which only SMS_TEXT_ADMIN_CREATE_USER may",
            "SMS_TEXT_ADMIN_CREATE_USER takes 4 SMS segments (202 UCS-2 characters with the placeholders at their "
                + "longest), at most 3 allowed");
  }

  @Test
  void validate_shouldAcceptAText_whenItFillsExactlyThreeGsm7Segments() {
    // given: 459 septets with the 8-character longest code
    Map<String, String> three = Map.of("SMS_TEXT", "a".repeat(451) + "{code}");
    Map<String, String> four = Map.of("SMS_TEXT", "a".repeat(452) + "{code}");

    // when / then
    assertThat(SmsTextPolicy.validate(three)).isEmpty();
    assertThat(SmsTextPolicy.validate(four))
        .containsExactly(
            "SMS_TEXT takes 4 SMS segments (460 GSM-7 septets with "
                + "the placeholders at their longest), at most 3 allowed");
  }

  @Test
  void fromEnvironment_shouldThrowOneExceptionListingTheProblems_whenATextIsWrong() {
    // given
    Map<String, String> env = Map.of("SMS_TEXT_SIGN_UP", "no placeholder");

    // when / then
    assertThatThrownBy(() -> SmsTextPolicy.fromEnvironment(env))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessage("invalid configuration: SMS_TEXT_SIGN_UP has no {code}");
  }
}
