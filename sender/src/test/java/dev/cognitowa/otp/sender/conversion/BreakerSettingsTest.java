package dev.cognitowa.otp.sender.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BreakerSettingsTest {
  @Test
  void fromEnvironment_shouldGuardTheSmsChannels_whenNothingIsSet() {
    // when
    BreakerSettings settings = BreakerSettings.fromEnvironment(Map.of());

    // then
    assertThat(settings.channels()).containsExactlyInAnyOrder("sms", "sns");
    assertThat(settings.minSends()).isEqualTo(30);
    assertThat(settings.minConversionPercent()).isEqualTo(20);
    assertThat(settings.openFor()).isEqualTo(Duration.ofMinutes(30));
    assertThat(settings.halfOpenSends()).isEqualTo(10);
    assertThat(settings.guards("whatsapp")).isFalse();
  }

  @Test
  void fromEnvironment_shouldReadEverySetting_whenSet() {
    // when
    BreakerSettings settings =
        BreakerSettings.fromEnvironment(
            Map.of(
                "OTP_BREAKER_CHANNELS", "whatsapp, SMS",
                "OTP_BREAKER_MIN_SENDS", "60",
                "OTP_BREAKER_MIN_CONVERSION_PERCENT", "35",
                "OTP_BREAKER_OPEN_MINUTES", "45"));

    // then
    assertThat(settings.channels()).isEqualTo(Set.of("whatsapp", "sms"));
    assertThat(settings.minSends()).isEqualTo(60);
    assertThat(settings.halfOpenSends()).isEqualTo(20);
    assertThat(settings.minConversionPercent()).isEqualTo(35);
    assertThat(settings.openFor()).isEqualTo(Duration.ofMinutes(45));
  }

  @Test
  void fromEnvironment_shouldGuardNothing_whenNone() {
    assertThat(BreakerSettings.fromEnvironment(Map.of("OTP_BREAKER_CHANNELS", "none")).channels())
        .isEmpty();
  }

  @Test
  void fromEnvironment_shouldListEveryProblem_whenSeveralAreWrong() {
    // given
    Map<String, String> env =
        Map.of(
            "OTP_BREAKER_CHANNELS", "sms,fax",
            "OTP_BREAKER_MIN_SENDS", "2",
            "OTP_BREAKER_MIN_CONVERSION_PERCENT", "101",
            "OTP_BREAKER_OPEN_MINUTES", "five");

    // when / then
    assertThat(BreakerSettings.validate(env)).hasSize(4);
    assertThatThrownBy(() -> BreakerSettings.fromEnvironment(env))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining("'fax' is not one")
        .hasMessageContaining("OTP_BREAKER_MIN_SENDS must be a whole number 3..1000000")
        .hasMessageContaining("OTP_BREAKER_MIN_CONVERSION_PERCENT must be a whole number 1..100")
        .hasMessageContaining("OTP_BREAKER_OPEN_MINUTES must be a whole number 15..1440");
  }
}
