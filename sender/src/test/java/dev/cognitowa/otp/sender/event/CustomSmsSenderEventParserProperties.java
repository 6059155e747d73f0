package dev.cognitowa.otp.sender.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.cognitowa.otp.sender.testutils.Events;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

/** Whatever arrives, the parser answers with an event or an InvalidEventException, never anything else. */
class CustomSmsSenderEventParserProperties {
  private final CustomSmsSenderEventParser parser = new CustomSmsSenderEventParser();

  @Property(tries = 500)
  void parse_shouldOnlyThrowInvalidEvent_whenGivenArbitraryBytes(@ForAll byte[] bytes) {
    assertThatCode(() -> {
      try {
        parser.parse(bytes);
      } catch (InvalidEventException e) {
        assertThat(e.getMessage()).doesNotContain("\n");
      }
    }).doesNotThrowAnyException();
  }

  @Property(tries = 300)
  void parse_shouldOnlyThrowInvalidEvent_whenAValidEventIsCutOrCorrupted(@ForAll("corruptedEvents") String json) {
    assertThatCode(() -> {
      try {
        parser.parse(json.getBytes(StandardCharsets.UTF_8));
      } catch (InvalidEventException e) {
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("447911123456");
      }
    }).doesNotThrowAnyException();
  }

  @Provide
  Arbitrary<String> corruptedEvents() {
    String good = Events.fixture(TriggerSource.SIGN_UP);
    Arbitrary<Integer> position = Arbitraries.integers().between(0, good.length() - 1);
    Arbitrary<Character> junk = Arbitraries.of('{', '}', '[', ']', '"', ',', ':', '\\', 'x', '0', ' ');
    return net.jqwik.api.Combinators.combine(position, junk, Arbitraries.of(true, false))
        .as((i, c, cut) -> cut ? good.substring(0, i) : good.substring(0, i) + c + good.substring(i + 1));
  }

  @Property(tries = 200)
  void parse_shouldIgnoreUnknownFields_whenCognitoAddsSome(@ForAll @AlphaChars @StringLength(min = 1, max = 12)
      String name, @ForAll @StringLength(max = 20) String value) throws Exception {
    // given
    String good = Events.fixture(TriggerSource.AUTHENTICATION);
    String field = "\"x_" + name + "\": " + com.fasterxml.jackson.jr.ob.JSON.std.asString(value) + ", ";
    String extended = good.replace("\"version\":", field + "\"version\":").replace("\"type\":", field + "\"type\":");

    // when / then
    assertThat(parser.parse(extended.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(parser.parse(good.getBytes(StandardCharsets.UTF_8)));
  }
}
