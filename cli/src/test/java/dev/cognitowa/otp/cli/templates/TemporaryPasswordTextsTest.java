package dev.cognitowa.otp.cli.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemporaryPasswordTextsTest {
  static Stream<Arguments> languages() {
    return Stream.of(
        Arguments.of("en_US", Optional.of("Hi {{1}}")),
        Arguments.of("en_GB", Optional.of("Hi {{1}}")),
        Arguments.of("pt_BR", Optional.of("Olá {{1}}, sua senha")),
        Arguments.of("pt_PT", Optional.of("Olá {{1}}, a sua palavra-passe")),
        Arguments.of("es_MX", Optional.of("Hola {{1}}")),
        Arguments.of("fr_CA", Optional.of("Bonjour {{1}}")),
        Arguments.of("de", Optional.of("Hallo {{1}}")),
        Arguments.of("it", Optional.of("Ciao {{1}}")),
        Arguments.of("ja", Optional.empty()),
        Arguments.of("pt", Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("languages")
  void forLanguage_shouldFallBackToTheLanguageAlone_whenTheRegionHasNoTextOfItsOwn(
      String language, Optional<String> start) {
    // when
    Optional<String> text = TemporaryPasswordTexts.forLanguage(language);

    // then
    assertThat(text.map(t -> t.substring(0, start.map(String::length).orElse(0)))).isEqualTo(start);
    text.ifPresent(t -> assertThat(TemporaryPasswordTexts.isValid(t)).isTrue());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidTexts")
  void isValid_shouldRefuse_whenAParameterIsMissingOrRepeated(String text) {
    assertThat(TemporaryPasswordTexts.isValid(text)).isFalse();
  }

  static Stream<String> invalidTexts() {
    return Stream.of(
        "Hi {{1}}", "your password is {{2}}", "{{1}} {{2}} {{2}}", "{{1}} {{2}} {{3}}", "  ");
  }
}
