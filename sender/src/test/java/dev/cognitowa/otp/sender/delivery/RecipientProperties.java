package dev.cognitowa.otp.sender.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** Masking holds for any text, not just the numbers we thought of. */
class RecipientProperties {
  @Property
  void mask_shouldNeverRevealMoreThanFourDigits_whenGivenAnyText(
      @ForAll @StringLength(max = 40) @CharRange(from = '0', to = '9') @Chars({'+', ' ', '-', 'x'}) String text) {
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
      assertThat(masked.chars().filter(Character::isDigit).count()).isLessThanOrEqualTo(digits / 2);
    }
  }

  @Property
  void mask_shouldBeStable_whenAppliedTwice(@ForAll @StringLength(max = 20) @CharRange(from = '0', to = '9') String s) {
    // when / then: masking a masked number reveals nothing new
    String once = Recipient.mask("+" + s);
    assertThat(Recipient.mask(once).chars().filter(Character::isDigit).count())
        .isLessThanOrEqualTo(once.chars().filter(Character::isDigit).count());
  }
}
