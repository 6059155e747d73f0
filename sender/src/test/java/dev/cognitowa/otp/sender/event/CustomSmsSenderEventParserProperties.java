package dev.cognitowa.otp.sender.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.cognitowa.otp.sender.testutils.Events;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.WithQuickTheories;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Whatever arrives, the parser answers with an event or an InvalidEventException, never anything
 * else.
 */
class CustomSmsSenderEventParserProperties implements WithQuickTheories {
  /**
   * Fixed, so every run checks the same examples; a failure prints its falsifying input for a
   * regression test.
   */
  private static final long SEED = 0x5EED_0002L;

  /**
   * The longest random input, as before the move to QuickTheories: random bytes are almost always
   * refused within their first few, so longer ones would add little.
   */
  private static final int MAX_RANDOM_BYTES = 255;

  private final CustomSmsSenderEventParser parser = new CustomSmsSenderEventParser();

  @Test
  void parse_shouldOnlyThrowInvalidEvent_whenGivenArbitraryBytes() {
    Gen<byte[]> bytes =
        Generate.byteArrays(
            integers().between(0, MAX_RANDOM_BYTES),
            Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    qt().withFixedSeed(SEED)
        .withExamples(500)
        .forAll(bytes)
        .checkAssert(
            input ->
                assertThatCode(
                        () -> {
                          try {
                            parser.parse(input);
                          } catch (InvalidEventException e) {
                            assertThat(e.getMessage()).doesNotContain("\n");
                          }
                        })
                    .doesNotThrowAnyException());
  }

  @Test
  void parse_shouldOnlyThrowInvalidEvent_whenAValidEventIsCutOrCorrupted() {
    qt().withFixedSeed(SEED)
        .withExamples(300)
        .forAll(corruptedEvents())
        .checkAssert(
            json ->
                assertThatCode(
                        () -> {
                          try {
                            parser.parse(json.getBytes(StandardCharsets.UTF_8));
                          } catch (InvalidEventException e) {
                            assertThat(e.getMessage())
                                .doesNotContain("\n")
                                .doesNotContain("447911123456");
                          }
                        })
                    .doesNotThrowAnyException());
  }

  /**
   * The sign-up fixture cut short at a random position, or with one character there replaced by
   * JSON punctuation.
   */
  private Gen<String> corruptedEvents() {
    String good = Events.fixture(TriggerSource.SIGN_UP);
    Gen<Integer> position = integers().between(0, good.length() - 1);
    Gen<Character> junk = arbitrary().pick('{', '}', '[', ']', '"', ',', ':', '\\', 'x', '0', ' ');
    return position.zip(
        junk,
        booleans().all(),
        (i, c, cut) ->
            cut ? good.substring(0, i) : good.substring(0, i) + c + good.substring(i + 1));
  }

  @Test
  void parse_shouldIgnoreUnknownFields_whenCognitoAddsSome() {
    qt().withFixedSeed(SEED)
        .withExamples(200)
        .forAll(letters(1, 12), strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 20))
        .checkAssert(
            (name, value) -> {
              // given
              String good = Events.fixture(TriggerSource.AUTHENTICATION);
              String field = "\"x_" + name + "\": " + json(value) + ", ";
              String extended =
                  good.replace("\"version\":", field + "\"version\":")
                      .replace("\"type\":", field + "\"type\":");

              // when / then
              assertThat(parser.parse(extended.getBytes(StandardCharsets.UTF_8)))
                  .isEqualTo(parser.parse(good.getBytes(StandardCharsets.UTF_8)));
            });
  }

  /** Words of ASCII letters, upper and lower case mixed. */
  private Gen<String> letters(int minLength, int maxLength) {
    Gen<Character> letter =
        integers().between(0, 51).map(i -> (char) (i < 26 ? 'a' + i : 'A' + i - 26));
    return lists()
        .of(letter)
        .ofSizeBetween(minLength, maxLength)
        .map(chars -> chars.stream().map(String::valueOf).collect(Collectors.joining()));
  }

  private static String json(String value) {
    try {
      return com.fasterxml.jackson.jr.ob.JSON.std.asString(value);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
