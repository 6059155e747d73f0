package dev.cognitowa.otp.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void all_shouldNameEachVariableOnceWithADefaultInsideItsRange_whenItIsAWholeNumber() {
    Set<String> names = new HashSet<>();
    for (Setting setting : Settings.all()) {
      assertThat(names.add(setting.name())).as("listed twice: %s", setting.name()).isTrue();
      assertThat(setting.doc()).as(setting.name()).isNotBlank().doesNotContain("|");
      assertThat(setting.readers()).as(setting.name()).isNotEmpty();
      if (setting.min() != null) {
        assertThat(setting.accepts(setting.defaultInt())).as(setting.name()).isTrue();
        assertThat(setting.accepts(setting.min() - 1)).isFalse();
        assertThat(setting.accepts(setting.max() + 1)).isFalse();
        assertThat(setting.range()).isEqualTo(setting.min() + ".." + setting.max());
      } else {
        assertThat(setting.range()).isEmpty();
      }
    }
  }

  @Test
  void contextKeys_shouldBeUniqueAndNameOnlyRegisteredVariables_whenTheyBecomeOne() {
    Set<String> keys = new HashSet<>();
    for (ContextKey key : ContextKeys.all()) {
      assertThat(keys.add(key.key())).as("listed twice: %s", key.key()).isTrue();
      if (key.variable() != null) {
        assertThat(Settings.all()).contains(key.variable());
        assertThat(key.range()).isEqualTo(key.variable().range());
      } else {
        assertThat(key.range()).isEmpty();
      }
    }
  }

  @Test
  void named_shouldFindASettingByItsExactName_andNothingElse() {
    assertThat(Settings.named("OTP_FALLBACK_WINDOW_SECONDS"))
        .isSameAs(Settings.FALLBACK_WINDOW_SECONDS);
    assertThat(Settings.named("OTP_NOT_A_SETTING")).isNull();
  }

  @Test
  void channels_shouldHaveOneNameEach_andTwoOfThemSendSms() {
    assertThat(Channels.ALL).containsExactly("whatsapp", "whatsapp-eum", "sms", "sns");
    assertThat(Channels.ALL).filteredOn(Channels::isSms).containsExactly("sms", "sns");
  }
}
