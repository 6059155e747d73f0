package dev.cognitowa.otp.sender.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CustomSmsSenderEventParserTest {
  private final CustomSmsSenderEventParser parser = new CustomSmsSenderEventParser();

  private CustomSmsSenderEvent parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TriggerSource.class)
  void parse_shouldReadEveryField_whenGivenTheFixtureOfEachTriggerSource(TriggerSource source) {
    // when
    CustomSmsSenderEvent event = parse(Events.fixture(source));

    // then
    assertThat(event.triggerSource()).isEqualTo(source);
    assertThat(event.version()).isEqualTo("1");
    assertThat(event.region()).isEqualTo("eu-west-1");
    assertThat(event.userPoolId()).isEqualTo("eu-west-1_EXAMPLE");
    assertThat(event.userName()).isNotBlank();
    assertThat(event.request().type()).isEqualTo("customSMSSenderRequestV1");
    assertThat(event.request().code()).isEqualTo("PLACEHOLDER");
    assertThat(event.request().phoneNumber()).startsWith("+");
    assertThat(event.request().userAttributes()).containsKeys("sub", "cognito:user_status");
    assertThat(event.request().clientMetadata()).isNotNull();
  }

  @Test
  void toString_shouldNameTheFieldsButNoValueThatIdentifiesTheUser_whenAnEventIsPrinted() {
    // given: the sign-up fixture with a real ciphertext
    String json = Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE);
    CustomSmsSenderEvent event = parse(json);

    // when
    String printed = event.toString();

    // then
    assertThat(printed)
        .contains("SIGN_UP", "eu-west-1_EXAMPLE", "phone_number", "email")
        .doesNotContain(
            event.request().phoneNumber(),
            event.request().phoneNumber().substring(1),
            event.request().code(),
            event.userName(),
            event.request().userAttributes().get("email"));
  }

  /**
   * What each published sample in shared/reference/cognito-events gets. None is a custom SMS sender
   * event we can act on: they are email-sender events, documentation shapes with placeholders, or
   * (powertools-python's "SMS" sample) an SMS trigger source with the email request type and no
   * phone number.
   */
  static Stream<Arguments> referenceSamples() {
    return Stream.of(
        Arguments.of(
            "aws-docs_custom-sms-sender-shape-and-trigger-sources.json", "request is missing"),
        Arguments.of(
            "aws-lambda-go_cognito-event-userpools-customemailsender.json",
            "request.type must be customSMSSenderRequestV1, was 'example type'"),
        Arguments.of(
            "powertools-python_cognitoCustomEmailSenderEvent.json",
            "request.type must be customSMSSenderRequestV1, was 'customEmailSenderRequestV1' (this is the SMS sender)"),
        Arguments.of(
            "powertools-python_cognitoCustomSMSSenderEvent.json",
            "request.type must be customSMSSenderRequestV1, was 'customEmailSenderRequestV1' (this is the SMS sender)"),
        Arguments.of(
            "powertools-ts_custom-email-sender-admin-create-user.json",
            "request.type must be customSMSSenderRequestV1, was 'customEmailSenderRequestV1' (this is the SMS sender)"),
        Arguments.of(
            "powertools-ts_custom-email-sender-forgot-password.json",
            "request.type must be customSMSSenderRequestV1, was 'customEmailSenderRequestV1' (this is the SMS sender)"),
        Arguments.of(
            "real-captured_custom-email-sender-signup_Yorlin2S.json",
            "request.type must be customSMSSenderRequestV1, was 'customEmailSenderRequestV1' (this is the SMS sender)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("referenceSamples")
  void parse_shouldRefuseWithTheReason_whenGivenAPublishedSample(String file, String reason) {
    // given
    String json = Events.resource("/events/reference/" + file);

    // when / then
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage(reason);
  }

  @Test
  void parse_shouldAcceptTheSmsShape_whenThePowertoolsSampleIsCorrected() {
    // given: the powertools SMS sample with the right type and a phone number: booleans become
    // "true"/"false"
    String json =
        Events.resource("/events/reference/powertools-python_cognitoCustomSMSSenderEvent.json")
            .replace("customEmailSenderRequestV1", "customSMSSenderRequestV1")
            .replace("\"userPoolId\": \"userPoolId\"", "\"userPoolId\": \"us-east-1_Abc\"")
            .replace(
                "\"email_verified\": true",
                "\"email_verified\": true, \"phone_number\": \"+15555550100\"");

    // when
    CustomSmsSenderEvent event = parse(json);

    // then
    assertThat(event.request().userAttributes())
        .containsEntry("phone_number_verified", "false")
        .containsEntry("email_verified", "true");
    assertThat(event.request().clientMetadata()).isEmpty();
  }

  static Stream<Arguments> badEvents() {
    String good = Events.fixture(TriggerSource.SIGN_UP);
    return Stream.of(
        Arguments.of("empty", "", "event is empty"),
        Arguments.of("whitespace", "  \n ", "event is empty"),
        Arguments.of("array", "[]", "event is not a JSON object"),
        Arguments.of("string", "\"event\"", "event is not a JSON object"),
        Arguments.of(
            "truncated",
            good.substring(0, 100),
            "event is not valid JSON (unexpected end of input"),
        Arguments.of("trailing garbage", good + " {}", "event has content after its JSON object"),
        Arguments.of(
            "duplicate code",
            good.replace(
                "\"code\": \"PLACEHOLDER\"", "\"code\": \"PLACEHOLDER\", \"code\": \"SMUGGLED\""),
            "event is not valid JSON (duplicate field"),
        Arguments.of(
            "no request", "{\"triggerSource\":\"CustomSMSSender_SignUp\"}", "request is missing"),
        Arguments.of(
            "request not an object",
            good.replaceFirst("\"request\": \\{", "\"request\": [{")
                .replaceFirst("\"response\"", "\"x\": 1}], \"response\""),
            ""),
        Arguments.of(
            "type missing",
            good.replace("\"type\": \"customSMSSenderRequestV1\",", ""),
            "request.type is missing"),
        Arguments.of(
            "unknown trigger",
            good.replace("CustomSMSSender_SignUp", "CustomSMSSender_AccountTakeOverNotification"),
            "unsupported triggerSource 'CustomSMSSender_AccountTakeOverNotification'"),
        Arguments.of(
            "email trigger",
            good.replace("CustomSMSSender_SignUp", "CustomEmailSender_SignUp"),
            "unsupported triggerSource 'CustomEmailSender_SignUp'"),
        Arguments.of(
            "trigger with control characters",
            good.replace("CustomSMSSender_SignUp", "Bad\\n\\u0007"),
            "unsupported triggerSource 'Bad??'"),
        Arguments.of(
            "pool id placeholder",
            good.replace("eu-west-1_EXAMPLE", "<userPoolId>"),
            "userPoolId is not a user pool id: '<userPoolId>'"),
        Arguments.of(
            "user name missing",
            good.replaceAll("\"userName\": \"[^\"]*\",", ""),
            "userName is missing"),
        Arguments.of(
            "user name not a string",
            good.replaceAll("\"userName\": \"[^\"]*\"", "\"userName\": 42"),
            "userName must be a string"),
        Arguments.of(
            "code missing",
            good.replace("\"code\": \"PLACEHOLDER\",", ""),
            "request.code is missing"),
        Arguments.of("code empty", good.replace("PLACEHOLDER", " "), "request.code is empty"),
        Arguments.of(
            "code not a string",
            good.replace("\"PLACEHOLDER\"", "123"),
            "request.code must be a string"),
        Arguments.of(
            "attributes missing",
            good.replaceAll("(?s)\"userAttributes\": \\{[^}]*\\}", "\"x\": 1"),
            "request.userAttributes is missing"),
        Arguments.of(
            "attribute nested",
            good.replace("\"sub\":", "\"nested\": {\"a\": 1}, \"sub\":"),
            "request.userAttributes.'nested' must be a string"),
        Arguments.of(
            "phone missing",
            good.replaceAll("\"phone_number\": \"[^\"]*\",", ""),
            "request.userAttributes.phone_number is missing"),
        Arguments.of(
            "metadata not an object",
            good.replace("\"clientMetadata\": null", "\"clientMetadata\": \"x\""),
            "request.clientMetadata must be an object"),
        Arguments.of(
            "too deep",
            "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}",
            "event is not valid JSON (nested deeper than 16 levels"),
        Arguments.of(
            "number too long",
            "{\"a\":" + "1".repeat(1001) + "}",
            "event is not valid JSON (a number longer than the parser allows"),
        Arguments.of(
            "field name too long",
            "{\"" + "a".repeat(60_000) + "\":1}",
            "event is not valid JSON (a field name longer than the parser allows"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEvents")
  void parse_shouldRefuseWithOneClearLine_whenTheEventIsBad(
      String name, String json, String message) {
    // when / then
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining(message)
        .satisfies(
            e -> assertThat(e.getMessage()).doesNotContain("\n", "+447911123456", "447911123456"));
  }

  @Test
  void parse_shouldRefuseBeforeReading_whenTheEventIsOversized() {
    // given
    byte[] json = new byte[CustomSmsSenderEventParser.MAX_EVENT_BYTES + 1];

    // when / then
    assertThatThrownBy(() -> parser.parse(json)).hasMessage("event is larger than 262144 bytes");
  }

  @Test
  void parse_shouldIgnoreUnknownFieldsAndKeepMetadata_whenCognitoAddsFields() {
    // given
    String json =
        Events.fixture(TriggerSource.RESEND_CODE)
            .replace(
                "\"version\": \"1\"",
                "\"version\": \"1\", \"newTopLevel\": {\"deep\": [1, 2, {\"x\": null}]}")
            .replace("\"type\": ", "\"futureField\": 3.5, \"type\": ");

    // when
    CustomSmsSenderEvent event = parse(json);

    // then
    assertThat(event.request().clientMetadata()).isEqualTo(Map.of("origin", "mobile-app"));
  }
}
