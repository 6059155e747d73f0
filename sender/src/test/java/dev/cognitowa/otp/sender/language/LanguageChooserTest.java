package dev.cognitowa.otp.sender.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LanguageChooserTest {
  /** What a pool serving the Americas and Europe might approve, in the order its team chose. */
  private static final LanguageChooser CHOOSER =
      new LanguageChooser(
          List.of(
              "en_US", "en_GB", "pt_BR", "pt_PT", "es_MX", "es", "es_ES", "fr", "fr_CA", "he", "id",
              "nb", "zh_TW", "zh_CN", "sr", "fil", "de"));

  private static final String DEFAULT = "en_US";

  /**
   * The user's locale attribute as Cognito hands it over (unchecked), and the template language the
   * chooser must answer.
   */
  static Stream<Arguments> locales() {
    return Stream.of(
        // exact language and region, in either separator
        Arguments.of("pt-BR", "pt_BR"),
        Arguments.of("pt_PT", "pt_PT"),
        Arguments.of("fr_CA", "fr_CA"),
        Arguments.of("fr-ca", "fr_CA"),
        Arguments.of("EN-gb", "en_GB"),
        Arguments.of("es-MX", "es_MX"),
        // the region has no template: the language alone
        Arguments.of("fr-BE", "fr"),
        Arguments.of("es-AR", "es"),
        Arguments.of("es-419", "es"), // WhatsApp has no es_419 (Latin America)
        Arguments.of("es", "es"),
        Arguments.of("de-AT", "de"),
        // no language-alone template: the first listed variant of the language
        Arguments.of("pt", "pt_BR"),
        Arguments.of("pt-AO", "pt_BR"),
        Arguments.of("en", "en_US"),
        Arguments.of("en-IN", "en_US"),
        // scripts
        Arguments.of("zh-Hant-TW", "zh_TW"),
        Arguments.of("zh-Hant", "zh_TW"),
        Arguments.of("zh-Hant-HK", "zh_TW"), // no zh_HK listed; Hant implies zh_TW
        Arguments.of("zh-Hans", "zh_CN"),
        Arguments.of("zh-CN", "zh_CN"),
        Arguments.of("zh", "zh_TW"), // listed first among the Chinese
        Arguments.of("sr-Latn", "sr"),
        Arguments.of("sr-Latn-RS", "sr"),
        // legacy and macrolanguage codes
        Arguments.of("iw", "he"),
        Arguments.of("iw-IL", "he"),
        Arguments.of("in", "id"),
        Arguments.of("in_ID", "id"),
        Arguments.of("no", "nb"),
        Arguments.of("nb-NO", "nb"),
        Arguments.of("tl", "fil"),
        // POSIX forms and extensions
        Arguments.of("en_US.UTF-8", "en_US"),
        Arguments.of("pt_BR.UTF-8@euro", "pt_BR"),
        Arguments.of("de-DE-u-co-phonebk", "de"),
        Arguments.of("fr-x-private", "fr"),
        Arguments.of(" pt-BR ", "pt_BR"),
        // nothing usable: the default
        Arguments.of("C.UTF-8", DEFAULT),
        Arguments.of("POSIX", DEFAULT),
        Arguments.of("und", DEFAULT),
        Arguments.of("und-BR", DEFAULT),
        Arguments.of("zxx", DEFAULT),
        Arguments.of("qaa", DEFAULT),
        Arguments.of("x-klingon", DEFAULT),
        Arguments.of("i-klingon", DEFAULT),
        Arguments.of("tlh", DEFAULT), // a real code with no template
        Arguments.of("nn", DEFAULT), // Nynorsk: WhatsApp has only nb
        Arguments.of("ja-JP", DEFAULT),
        Arguments.of("", DEFAULT),
        Arguments.of("   ", DEFAULT),
        Arguments.of("-", DEFAULT),
        Arguments.of("pt--BR", DEFAULT),
        Arguments.of("english", DEFAULT),
        Arguments.of("portuguese-brazil", DEFAULT),
        Arguments.of("pt-BR-abcdefghi", DEFAULT),
        Arguments.of("pt" + "-BR".repeat(40), DEFAULT),
        Arguments.of("a".repeat(2048), DEFAULT),
        // hostile: control characters, injection, other scripts
        Arguments.of("pt-BR\n{\"level\":\"ERROR\"}", DEFAULT),
        Arguments.of("pt\u0000BR", DEFAULT),
        Arguments.of("pt-BR\r\n", "pt_BR"), // only surrounding whitespace is forgiven
        Arguments.of("pt-BR'; DROP TABLE users;--", DEFAULT),
        Arguments.of("../../etc/passwd", DEFAULT),
        Arguments.of("${jndi:ldap://x}", DEFAULT),
        Arguments.of("<script>", DEFAULT),
        Arguments.of("pt%2DBR", DEFAULT),
        Arguments.of("рт-BR", DEFAULT), // Cyrillic look-alikes
        Arguments.of("ｐｔ-BR", DEFAULT), // full-width letters
        Arguments.of("\u202Ept-BR", DEFAULT));
  }

  @ParameterizedTest(name = "[{index}] {0}") // the index: some locales are blank
  @MethodSource("locales")
  void choose_shouldFollowTheFallbackChain_whenGivenAUserLocale(String locale, String expected) {
    // when
    String chosen = CHOOSER.choose(List.of(LocaleTag.parse(locale)), DEFAULT);

    // then
    assertThat(chosen).isEqualTo(expected);
  }

  /**
   * The "Languages" table of docs/guides/languages-and-app-clients.md, row by row: the
   * documentation must say what the code does.
   */
  static Stream<Arguments> readmeTable() {
    return Stream.of(
        Arguments.of("pt-BR", "pt_BR"),
        Arguments.of("pt_BR", "pt_BR"),
        Arguments.of("pt_br.UTF-8", "pt_BR"),
        Arguments.of("pt", "pt_BR"),
        Arguments.of("pt-AO", "pt_BR"),
        Arguments.of("es-MX", "es_MX"),
        Arguments.of("es-419", "es"),
        Arguments.of("es-AR", "es"),
        Arguments.of("es-CO", "es"),
        Arguments.of("fr-CA", "fr"),
        Arguments.of("zh-Hant-TW", "zh_TW"),
        Arguments.of("zh-Hant", "zh_TW"),
        Arguments.of("zh-HK", "zh_TW"),
        Arguments.of("zh-Hans", "zh_CN"),
        Arguments.of("zh-CN", "zh_CN"),
        Arguments.of("sr-Latn", "en_US"),
        Arguments.of("iw", "he"),
        Arguments.of("in", "id"),
        Arguments.of("no", "nb"),
        Arguments.of("tl", "fil"),
        Arguments.of("en-GB", "en_US"),
        Arguments.of("en", "en_US"),
        Arguments.of("de-DE", "en_US"),
        Arguments.of("ja", "en_US"),
        Arguments.of("und", "en_US"),
        Arguments.of("C.UTF-8", "en_US"),
        Arguments.of("pt-BR\n{}", "en_US"),
        Arguments.of("x".repeat(2048), "en_US"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("readmeTable")
  void choose_shouldAnswerAsTheReadmeSays_whenGivenTheReadmesExamples(
      String locale, String expected) {
    // given: the README's example list
    LanguageChooser readme =
        new LanguageChooser(
            List.of(
                "en_US", "pt_BR", "pt_PT", "es", "es_MX", "fr", "zh_TW", "zh_CN", "he", "id", "nb",
                "fil"));

    // when / then
    assertThat(readme.choose(List.of(LocaleTag.parse(locale)), "en_US")).isEqualTo(expected);
  }

  @Test
  void choose_shouldPreferTheAppsChoice_whenBothTheAppAndTheUserNameALanguage() {
    // when
    String chosen =
        CHOOSER.choose(List.of(LocaleTag.parse("es-MX"), LocaleTag.parse("pt-BR")), DEFAULT);

    // then
    assertThat(chosen).isEqualTo("es_MX");
  }

  @Test
  void choose_shouldFallBackToTheUsersLocale_whenTheAppsChoiceIsNotAvailable() {
    // when
    String chosen =
        CHOOSER.choose(List.of(LocaleTag.parse("ja"), LocaleTag.parse("pt-BR")), DEFAULT);

    // then
    assertThat(chosen).isEqualTo("pt_BR");
  }

  @Test
  void choose_shouldFallBackToTheUsersLocale_whenTheAppsChoiceIsUnreadable() {
    // when
    String chosen =
        CHOOSER.choose(List.of(LocaleTag.parse("pt\nBR"), LocaleTag.parse("fr-CA")), DEFAULT);

    // then
    assertThat(chosen).isEqualTo("fr_CA");
  }

  @Test
  void choose_shouldAnswerTheDefault_whenNoLanguageIsConfiguredBesideIt() {
    // given
    LanguageChooser onlyDefault = new LanguageChooser(List.of("en_US"));

    // when
    String chosen = onlyDefault.choose(List.of(LocaleTag.parse("pt-BR")), "en_US");

    // then
    assertThat(chosen).isEqualTo("en_US");
  }

  @Test
  void choose_shouldTakeTheFirstListedVariant_whenTheLanguageHasSeveral() {
    // given
    LanguageChooser portugalFirst = new LanguageChooser(List.of("en_US", "pt_PT", "pt_BR"));

    // when
    String chosen = portugalFirst.choose(List.of(LocaleTag.parse("pt")), "en_US");

    // then
    assertThat(chosen).isEqualTo("pt_PT");
  }

  @Test
  void choose_shouldAnswerTheDefault_whenThereAreNoPreferences() {
    // when
    String chosen = CHOOSER.choose(List.of(Optional.empty(), Optional.empty()), "pt_BR");

    // then
    assertThat(chosen).isEqualTo("pt_BR");
  }
}
