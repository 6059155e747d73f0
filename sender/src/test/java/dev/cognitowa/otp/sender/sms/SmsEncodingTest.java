package dev.cognitowa.otp.sender.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SmsEncodingTest {

  static Stream<Arguments> texts() {
    return Stream.of(
        Arguments.of("160 GSM-7 characters", "a".repeat(160), true, 160, 1),
        Arguments.of("161 GSM-7 characters", "a".repeat(161), true, 161, 2),
        Arguments.of("306 GSM-7 characters", "a".repeat(306), true, 306, 2),
        Arguments.of("307 GSM-7 characters", "a".repeat(307), true, 307, 3),
        Arguments.of("extension char counts two", "€" + "a".repeat(159), true, 161, 2),
        Arguments.of("brace counts two", "{" + "a".repeat(158), true, 160, 1),
        Arguments.of("c-cedilla stays GSM-7", "Ç" + "é".repeat(159), true, 160, 1),
        Arguments.of("70 UCS-2 characters", "ł" + "a".repeat(69), false, 70, 1),
        Arguments.of("71 UCS-2 characters", "ł" + "a".repeat(70), false, 71, 2),
        Arguments.of(
            "emoji counts two UTF-16 units", "\uD83D\uDE00" + "a".repeat(68), false, 70, 1),
        Arguments.of("135 UCS-2 characters", "ł".repeat(135), false, 135, 3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("texts")
  void of_shouldCountUnitsAndSegments_whenGivenText(
      String name, String text, boolean gsm7, int units, int segments) {
    // when
    SmsEncoding.Size size = SmsEncoding.of(text);

    // then
    assertThat(size).isEqualTo(new SmsEncoding.Size(gsm7, units, segments));
  }

  @Test
  void basicSet_shouldHold128DistinctCharacters_whenReadFromTheTable() {
    // given / when / then
    assertThat(SmsEncoding.GSM7_BASIC).hasSize(128);
    assertThat(SmsEncoding.GSM7_BASIC.chars().distinct().count()).isEqualTo(128);
  }
}
