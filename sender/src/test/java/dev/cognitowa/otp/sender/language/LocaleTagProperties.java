package dev.cognitowa.otp.sender.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.WithQuickTheories;

/** Whatever text a user puts in their locale, only a configured language comes out. */
class LocaleTagProperties implements WithQuickTheories {
  /** Fixed, so every run checks the same examples. */
  private static final long SEED = 0x10CA_1E00L;

  /** Tries per property: QuickTheories' own default, written out. */
  private static final int EXAMPLES = 1000;

  private static final List<String> AVAILABLE = List.of("en_US", "pt_BR", "es", "zh_TW", "fil");

  @Test
  void choose_shouldOnlyAnswerAConfiguredLanguage_whenGivenAnyText() {
    LanguageChooser chooser = new LanguageChooser(AVAILABLE);
    qt().withFixedSeed(SEED)
        .withExamples(EXAMPLES)
        .forAll(strings().allPossible().ofLengthBetween(0, 80))
        .checkAssert(
            text -> {
              // when
              String chosen = chooser.choose(List.of(LocaleTag.parse(text)), "en_US");

              // then
              assertThat(AVAILABLE).contains(chosen);
            });
  }

  @Test
  void parse_shouldOnlyKeepLettersAndDigits_whenGivenTagLikeText() {
    qt().withFixedSeed(SEED)
        .withExamples(EXAMPLES)
        .forAll(strings().betweenCodePoints(0x20, 0x7E).ofLengthBetween(0, 70))
        .checkAssert(
            text ->
                // when / then: nothing of the user's text but ASCII letters and digits survives
                LocaleTag.parse(text)
                    .ifPresent(
                        tag -> {
                          assertThat(tag.language()).matches("[a-z]{2,3}");
                          if (tag.script() != null) {
                            assertThat(tag.script()).matches("[A-Z][a-z]{3}");
                          }
                          if (tag.region() != null) {
                            assertThat(tag.region()).matches("[A-Z]{2}|[0-9]{3}");
                          }
                        }));
  }
}
