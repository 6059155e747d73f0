package dev.cognitowa.otp.sender.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmsSettingsTest {

  @Test
  void fromEnvironment_shouldUseDefaults_whenNothingIsSet() {
    // when
    SmsSettings settings = SmsSettings.fromEnvironment(Map.of());

    // then
    assertThat(settings.originationIdentity()).isEmpty();
    assertThat(settings.configurationSet()).isEmpty();
    assertThat(settings.maxAttempts()).isEqualTo(SmsSettings.DEFAULT_MAX_ATTEMPTS);
  }

  @Test
  void fromEnvironment_shouldReadEverySetting_whenSet() {
    // when
    SmsSettings settings =
        SmsSettings.fromEnvironment(
            Map.of(
                "SMS_ORIGINATION_IDENTITY",
                " pool-abc ",
                "SMS_CONFIGURATION_SET",
                "otp",
                "SMS_MAX_ATTEMPTS",
                "5"));

    // then
    assertThat(settings.originationIdentity()).isEqualTo(Optional.of("pool-abc"));
    assertThat(settings.configurationSet()).isEqualTo(Optional.of("otp"));
    assertThat(settings.maxAttempts()).isEqualTo(5);
  }

  @Test
  void fromEnvironment_shouldListAllProblems_whenAttemptsAndATextAreWrong() {
    // given
    Map<String, String> env = Map.of("SMS_MAX_ATTEMPTS", "9", "SMS_TEXT", "hello");

    // when / then
    assertThatThrownBy(() -> SmsSettings.fromEnvironment(env))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessage(
            "invalid configuration: SMS_MAX_ATTEMPTS must be 1..5, was 9; SMS_TEXT has no {code}");
  }

  @Test
  void validate_shouldShortenTheValue_whenAttemptsIsNotANumber() {
    // when / then
    assertThat(SmsSettings.validate(Map.of("SMS_MAX_ATTEMPTS", "three-or-maybe-four-attempts")))
        .containsExactly("SMS_MAX_ATTEMPTS must be 1..5, was three-or-maybe-f...");
  }
}
