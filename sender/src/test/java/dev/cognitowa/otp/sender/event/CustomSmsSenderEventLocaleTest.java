package dev.cognitowa.otp.sender.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.testutils.Events;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the parser reads for the language and app client choice: callerContext and locales. */
class CustomSmsSenderEventLocaleTest {
  private final CustomSmsSenderEventParser parser = new CustomSmsSenderEventParser();

  private CustomSmsSenderEvent parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String signUpWithCallerContext(String callerContext) {
    return Events.fixture(TriggerSource.SIGN_UP)
        .replaceFirst(
            "\"callerContext\": \\{[^}]*\\}",
            java.util.regex.Matcher.quoteReplacement("\"callerContext\": " + callerContext));
  }

  @Test
  void parse_shouldReadTheAppClientId_whenCallerContextHasOne() {
    // when
    CustomSmsSenderEvent event = parse(Events.fixture(TriggerSource.SIGN_UP));

    // then
    assertThat(event.appClientId()).contains("EXAMPLEl2f6rjkqkbji2qr3u");
    assertThat(event.callerContext().awsSdkVersion()).isEqualTo("aws-sdk-unknown-unknown");
    assertThat(event.toString()).contains("clientId=EXAMPLEl2f6rjkqkbji2qr3u");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "null",
        "\"text\"",
        "[]",
        "{}",
        "{\"clientId\": null}",
        "{\"clientId\": 42}",
        "{\"clientId\": \"\"}",
        "{\"clientId\": \"a b\"}",
        "{\"clientId\": \"abc\\n\"}",
        "{\"clientId\": \"../../x\"}"
      })
  void parse_shouldHaveNoAppClient_whenCallerContextHasNoUsableClientId(String callerContext) {
    // when: callerContext only picks per-client templates, so it never refuses the event
    CustomSmsSenderEvent event = parse(signUpWithCallerContext(callerContext));

    // then
    assertThat(event.appClientId()).isEmpty();
  }

  @Test
  void parse_shouldDropTheSdkVersion_whenItIsNotOne() {
    // when
    CustomSmsSenderEvent event =
        parse(
            signUpWithCallerContext(
                "{\"awsSdkVersion\": \"x\\n{\\\"level\\\":1\", \"clientId\": \"abc\"}"));

    // then
    assertThat(event.callerContext())
        .isEqualTo(new CustomSmsSenderEvent.CallerContext(null, "abc"));
  }

  @Test
  void parse_shouldHaveNoCallerContext_whenTheEventHasNone() {
    // when
    CustomSmsSenderEvent event =
        parse(Events.fixture(TriggerSource.SIGN_UP).replaceFirst("\"callerContext\"", "\"other\""));

    // then
    assertThat(event.callerContext()).isEqualTo(CustomSmsSenderEvent.CallerContext.NONE);
  }

  @Test
  void parse_shouldKeepBothLocales_whenTheUserAndTheAppNameOne() {
    // given
    String json =
        Events.fixture(TriggerSource.SIGN_UP)
            .replace("\"clientMetadata\": null", "\"clientMetadata\": {\"locale\": \"es-MX\"}")
            .replace("\"sub\":", "\"locale\": \"pt-BR\", \"sub\":");

    // when
    CustomSmsSenderEvent event = parse(json);

    // then
    assertThat(event.request().appLocale()).isEqualTo("es-MX");
    assertThat(event.request().userLocale()).isEqualTo("pt-BR");
    assertThat(event.toString()).doesNotContain("es-MX").doesNotContain("pt-BR");
  }
}
