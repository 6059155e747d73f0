package dev.cognitowa.otp.sender.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.limits.LimitSettings.ChannelLimits;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading the limit settings: defaults, 0 = off, country lists, every problem at once. */
class LimitSettingsTest {
  private static final String PASTED_PHONE = "+447400123456";

  @Test
  void fromEnvironment_shouldUseStricterDefaultsForSms_whenNothingIsSet() {
    // when
    LimitSettings settings = LimitSettings.fromEnvironment(Map.of());

    // then
    assertThat(settings.whatsApp()).isEqualTo(new ChannelLimits(5, 10, 600, 0));
    assertThat(settings.sms()).isEqualTo(new ChannelLimits(3, 5, 60, 1_000));
    assertThat(settings.limitsFor("sns")).isEqualTo(settings.sms());
    assertThat(settings.limitsFor("whatsapp-eum")).isEqualTo(settings.whatsApp());
    assertThat(settings.countries().permits("NG")).isTrue();
  }

  @Test
  void fromEnvironment_shouldReadEveryLimitAndCountryList_whenSet() {
    // given
    Map<String, String> env =
        Map.of(
            "OTP_LIMIT_PER_NUMBER_15MIN", "0",
            "OTP_LIMIT_PER_NUMBER_DAY", "20",
            "OTP_LIMIT_POOL_PER_MINUTE", "1200",
            "OTP_SMS_LIMIT_PER_NUMBER_15MIN", "1",
            "OTP_SMS_LIMIT_PER_NUMBER_DAY", "2",
            "OTP_SMS_LIMIT_POOL_PER_MINUTE", "",
            "OTP_SMS_LIMIT_POOL_PER_DAY", "250",
            "OTP_ALLOWED_COUNTRIES", " gb,DE ",
            "OTP_SMS_DENIED_COUNTRIES", "ng");

    // when
    LimitSettings settings = LimitSettings.fromEnvironment(env);

    // then
    assertThat(settings.whatsApp()).isEqualTo(new ChannelLimits(0, 20, 1200, 0));
    assertThat(settings.sms()).isEqualTo(new ChannelLimits(1, 2, 60, 250));
    assertThat(settings.countries().allowed()).isEqualTo(Set.of("GB", "DE"));
    assertThat(settings.smsCountries().permits("NG")).isFalse();
  }

  @Test
  void fromEnvironment_shouldListEveryProblemWithoutEchoingValues_whenSeveralAreWrong() {
    // given
    Map<String, String> env =
        Map.of(
            "OTP_LIMIT_PER_NUMBER_15MIN", "-1",
            "OTP_SMS_LIMIT_POOL_PER_MINUTE", PASTED_PHONE,
            "OTP_DENIED_COUNTRIES", "XX,FR");

    // when / then
    assertThatThrownBy(() -> LimitSettings.fromEnvironment(env))
        .isInstanceOf(SenderConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((SenderConfigurationException) e).problems())
                    .hasSize(3)
                    .anyMatch(p -> p.startsWith("OTP_LIMIT_PER_NUMBER_15MIN must be"))
                    .anyMatch(p -> p.startsWith("OTP_SMS_LIMIT_POOL_PER_MINUTE must be"))
                    .anyMatch(p -> p.contains("'XX' is not one"))
                    .noneMatch(p -> p.contains("7400123456")));
  }

  @Test
  void fromEnvironment_shouldAcceptLibphonenumbersNonGeographicAndUnknownRegions_inCountryLists() {
    // given: +800/+882 numbers are region 001, a number of no region ZZ
    Map<String, String> env =
        Map.of("OTP_SMS_DENIED_COUNTRIES", "001, zz", "OTP_ALLOWED_COUNTRIES", "GB,001");

    // when
    LimitSettings settings = LimitSettings.fromEnvironment(env);

    // then
    assertThat(settings.smsCountries().denied()).containsExactlyInAnyOrder("001", "ZZ");
    assertThat(settings.smsCountries().permits("001")).isFalse();
    assertThat(settings.smsCountries().permits("GB")).isTrue();
    assertThat(settings.countries().permits("001")).isTrue();
    assertThat(settings.countries().permits("ZZ")).isFalse();
  }

  @Test
  void fromEnvironment_shouldReadAStarAloneAsEveryCountry_inAnAllowList() {
    // when
    LimitSettings settings =
        LimitSettings.fromEnvironment(
            Map.of("OTP_SMS_ALLOWED_COUNTRIES", "*", "OTP_ALLOWED_COUNTRIES", " * "));

    // then
    assertThat(settings.smsCountries().allowed()).isEmpty();
    assertThat(settings.smsCountries().permits("NG")).isTrue();
    assertThat(settings.countries().permits("001")).isTrue();
  }

  @Test
  void fromEnvironment_shouldRefuseAStar_whenMixedWithCodesOrInADenyList() {
    // given
    Map<String, String> env =
        Map.of(
            "OTP_SMS_ALLOWED_COUNTRIES", "DE,*",
            "OTP_DENIED_COUNTRIES", "*",
            "OTP_SMS_DENIED_COUNTRIES", "002");

    // when / then
    assertThat(LimitSettings.validate(env))
        .containsExactlyInAnyOrder(
            "OTP_SMS_ALLOWED_COUNTRIES may be * (every country) only alone",
            "OTP_DENIED_COUNTRIES cannot be *: deny countries by name",
            "OTP_SMS_DENIED_COUNTRIES must list ISO 3166 alpha-2 country codes such as DE,FR,BR"
                + " (or 001 for non-geographic numbers, ZZ for unknown ones), comma-separated;"
                + " one entry is not");
  }
}
