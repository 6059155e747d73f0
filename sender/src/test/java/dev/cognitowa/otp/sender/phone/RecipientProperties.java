package dev.cognitowa.otp.sender.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.WithQuickTheories;
import org.quicktheories.core.Gen;

/** Masking holds for any text, not just the numbers we thought of. */
class RecipientProperties implements WithQuickTheories {
  /**
   * Fixed, so every run checks the same examples; a failure prints its falsifying text for a
   * regression test.
   */
  private static final long SEED = 0x5EED_0001L;

  /**
   * Tries per property: QuickTheories' own default, written out so a change of default changes
   * nothing here.
   */
  private static final int EXAMPLES = 1000;

  @Test
  void mask_shouldNeverRevealMoreThanFourDigits_whenGivenAnyText() {
    qt().withFixedSeed(SEED)
        .withExamples(EXAMPLES)
        .forAll(phoneLikeText(40))
        .checkAssert(
            text -> {
              // when
              String masked = Recipient.mask(text);

              // then
              assertThat(masked).hasSize(text.length());
              assertThat(masked.chars().filter(Character::isDigit).count()).isLessThanOrEqualTo(4);
              long digits = text.chars().filter(Character::isDigit).count();
              if (digits >= 10) {
                String lastFour = text.replaceAll("[^0-9]", "").substring((int) digits - 4);
                assertThat(masked.replaceAll("[^0-9]", "")).isEqualTo(lastFour);
              } else {
                assertThat(masked.chars().filter(Character::isDigit).count())
                    .isLessThanOrEqualTo(digits / 2);
              }
            });
  }

  @Test
  void mask_shouldBeStable_whenAppliedTwice() {
    qt().withFixedSeed(SEED)
        .withExamples(EXAMPLES)
        .forAll(strings().betweenCodePoints('0', '9').ofLengthBetween(0, 20))
        .checkAssert(
            s -> {
              // when / then: masking a masked number reveals nothing new
              String once = Recipient.mask("+" + s);
              assertThat(Recipient.mask(once).chars().filter(Character::isDigit).count())
                  .isLessThanOrEqualTo(once.chars().filter(Character::isDigit).count());
            });
  }

  /**
   * Text of up to {@code maxLength} digits, '+', ' ', '-' and 'x', in any order: numbers and what
   * surrounds them.
   */
  private Gen<String> phoneLikeText(int maxLength) {
    Gen<Character> c =
        arbitrary().pick('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+', ' ', '-', 'x');
    return lists()
        .of(c)
        .ofSizeBetween(0, maxLength)
        .map(chars -> chars.stream().map(String::valueOf).collect(Collectors.joining()));
  }
}
