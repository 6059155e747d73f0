package dev.cognitowa.otp.sender.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocaleTagTest {
  @Test
  void parse_shouldNormaliseCase_whenTheTagIsWrittenInAnyCase() {
    // when / then
    assertThat(LocaleTag.parse("ZH-hant-tw")).contains(new LocaleTag("zh", "Hant", "TW"));
  }

  @Test
  void parse_shouldKeepTheFirstRegionOnly_whenTwoAreGiven() {
    // when / then
    assertThat(LocaleTag.parse("es-419-MX")).contains(new LocaleTag("es", null, "419"));
  }

  @Test
  void parse_shouldIgnoreAScript_whenItComesAfterTheRegion() {
    // when / then
    assertThat(LocaleTag.parse("sr-RS-Latn")).contains(new LocaleTag("sr", null, "RS"));
  }

  @Test
  void parse_shouldIgnoreExtendedLanguagesAndVariants_whenPresent() {
    // when / then
    assertThat(LocaleTag.parse("zh-yue-HK")).contains(new LocaleTag("zh", null, "HK"));
    assertThat(LocaleTag.parse("de-CH-1996")).contains(new LocaleTag("de", null, "CH"));
  }

  @Test
  void parse_shouldAcceptTheLongestAllowed_whenAtTheLimit() {
    // given
    String tag = "de-CH-1996" + "-abcdefgh".repeat(6);

    // when / then
    assertThat(tag).hasSize(LocaleTag.MAX_LENGTH);
    assertThat(LocaleTag.parse(tag)).contains(new LocaleTag("de", null, "CH"));
    assertThat(LocaleTag.parse(tag + "a")).isEmpty();
  }

  @Test
  void parse_shouldReturnEmpty_whenNull() {
    // when / then
    assertThat(LocaleTag.parse(null)).isEmpty();
  }

  @Test
  void candidates_shouldListRegionThenScriptRegionsThenLanguage_whenAllArePresent() {
    // when / then
    assertThat(new LocaleTag("zh", "Hant", "MO").candidates())
        .containsExactly("zh_MO", "zh_TW", "zh_HK", "zh");
    assertThat(new LocaleTag("zh", "Hans", null).candidates()).containsExactly("zh_CN", "zh");
    assertThat(new LocaleTag("sr", "Latn", null).candidates()).containsExactly("sr");
  }

  @Test
  void constructor_shouldRefuse_whenTheLanguageIsNotTwoOrThreeLetters() {
    // when / then
    assertThatThrownBy(() -> new LocaleTag("PT", null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
