package dev.cognitowa.otp.sender.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  static Stream<Arguments> numbers() {
    return Stream.of(
        Arguments.of("0", 0),
        Arguments.of("-0", 0),
        Arguments.of("2147483647", Integer.MAX_VALUE),
        Arguments.of("-2147483648", Integer.MIN_VALUE),
        Arguments.of("2147483648", 2147483648L),
        Arguments.of("-2147483649", -2147483649L),
        Arguments.of("123456789012345678", 123456789012345678L),
        Arguments.of("9223372036854775807", Long.MAX_VALUE),
        Arguments.of("-9223372036854775808", Long.MIN_VALUE),
        Arguments.of("0000000000000000001", null), // refused: leading zero
        Arguments.of("9223372036854775808", new BigInteger("9223372036854775808")),
        Arguments.of("-9223372036854775809", new BigInteger("-9223372036854775809")),
        Arguments.of("1" + "0".repeat(40), BigInteger.TEN.pow(40)),
        Arguments.of("0.0", 0.0),
        Arguments.of("-0.0", -0.0),
        Arguments.of("1.5", 1.5),
        Arguments.of("1e2", 100.0),
        Arguments.of("1E+2", 100.0),
        Arguments.of("25e-1", 2.5),
        Arguments.of("1e400", Double.POSITIVE_INFINITY),
        Arguments.of("-1e400", Double.NEGATIVE_INFINITY),
        Arguments.of("1e-400", 0.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numbers")
  void read_shouldGiveJacksonsNumberType_forEachNumber(String text, Object expected)
      throws IOException {
    byte[] json = ("[" + text + "]").getBytes(StandardCharsets.UTF_8);
    if (expected == null) {
      assertThatThrownBy(() -> Json.read(json)).isInstanceOf(JsonParseException.class);
      assertThatThrownBy(() -> JacksonOracle.read(json)).isInstanceOf(IOException.class);
      return;
    }

    // when
    Object ours = ((List<?>) Json.read(json)).get(0);
    Object jackson = ((List<?>) JacksonOracle.read(json)).get(0);

    // then
    assertThat(ours).isEqualTo(expected).isEqualTo(jackson);
    assertThat(ours.getClass()).isEqualTo(expected.getClass()).isEqualTo(jackson.getClass());
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("", JsonParseException.Problem.NO_CONTENT, 1, 1),
        Arguments.of(" \r\n\t ", JsonParseException.Problem.NO_CONTENT, 2, 3),
        Arguments.of("{\"a\": tru", JsonParseException.Problem.END_OF_INPUT, 1, 10),
        Arguments.of("{\"a\": trUe}", JsonParseException.Problem.UNEXPECTED_CHARACTER, 1, 9),
        Arguments.of("{\n  \"a\": [1,]}", JsonParseException.Problem.UNEXPECTED_CHARACTER, 2, 11),
        Arguments.of("\r\n\r[x]", JsonParseException.Problem.UNEXPECTED_CHARACTER, 3, 2),
        Arguments.of("{\"a\":1,}", JsonParseException.Problem.UNEXPECTED_CHARACTER, 1, 8),
        Arguments.of("{\"a\" 1}", JsonParseException.Problem.UNEXPECTED_CHARACTER, 1, 6),
        Arguments.of("{\"a\":1 \"b\":2}", JsonParseException.Problem.UNEXPECTED_CHARACTER, 1, 8),
        Arguments.of("[1 2]", JsonParseException.Problem.UNEXPECTED_CHARACTER, 1, 4),
        Arguments.of("{a:1}", JsonParseException.Problem.UNEXPECTED_CHARACTER, 1, 2),
        Arguments.of("{\"a\":1", JsonParseException.Problem.END_OF_INPUT, 1, 7),
        Arguments.of("[", JsonParseException.Problem.END_OF_INPUT, 1, 2),
        Arguments.of("[1", JsonParseException.Problem.END_OF_INPUT, 1, 3),
        Arguments.of("{\"a\"", JsonParseException.Problem.END_OF_INPUT, 1, 5),
        Arguments.of("\"abc", JsonParseException.Problem.END_OF_INPUT, 1, 5),
        Arguments.of("\"ab\\", JsonParseException.Problem.END_OF_INPUT, 1, 5),
        Arguments.of("\"ab\\u12", JsonParseException.Problem.END_OF_INPUT, 1, 8),
        Arguments.of("\"\\x\"", JsonParseException.Problem.INVALID_ESCAPE, 1, 3),
        Arguments.of("\"\\'\"", JsonParseException.Problem.INVALID_ESCAPE, 1, 3),
        Arguments.of("\"\\u12g4\"", JsonParseException.Problem.INVALID_ESCAPE, 1, 6),
        Arguments.of("\"a\tb\"", JsonParseException.Problem.CONTROL_CHARACTER, 1, 3),
        Arguments.of("\"a\u0000\"", JsonParseException.Problem.CONTROL_CHARACTER, 1, 3),
        Arguments.of("01", JsonParseException.Problem.INVALID_NUMBER, 1, 2),
        Arguments.of("-01", JsonParseException.Problem.INVALID_NUMBER, 1, 3),
        Arguments.of("-", JsonParseException.Problem.END_OF_INPUT, 1, 2),
        Arguments.of("-a", JsonParseException.Problem.INVALID_NUMBER, 1, 2),
        Arguments.of("1.", JsonParseException.Problem.END_OF_INPUT, 1, 3),
        Arguments.of("[1.]", JsonParseException.Problem.INVALID_NUMBER, 1, 4),
        Arguments.of("[1e]", JsonParseException.Problem.INVALID_NUMBER, 1, 4),
        Arguments.of("1e+", JsonParseException.Problem.END_OF_INPUT, 1, 4),
        Arguments.of(".5", JsonParseException.Problem.UNEXPECTED_CHARACTER, 1, 1),
        Arguments.of("+1", JsonParseException.Problem.UNEXPECTED_CHARACTER, 1, 1),
        Arguments.of("NaN", JsonParseException.Problem.UNEXPECTED_CHARACTER, 1, 1),
        Arguments.of("'a'", JsonParseException.Problem.UNEXPECTED_CHARACTER, 1, 1),
        Arguments.of("{\"a\":1,\n\"a\":2}", JsonParseException.Problem.DUPLICATE_FIELD, 2, 1),
        Arguments.of("{\"a\":1,\"\\u0061\":2}", JsonParseException.Problem.DUPLICATE_FIELD, 1, 8),
        Arguments.of("[".repeat(17), JsonParseException.Problem.TOO_DEEP, 1, 17),
        Arguments.of("[".repeat(100_000), JsonParseException.Problem.TOO_DEEP, 1, 17),
        Arguments.of(
            "{\"a\":".repeat(17) + "1" + "}".repeat(17),
            JsonParseException.Problem.TOO_DEEP,
            1,
            81),
        Arguments.of("1".repeat(1001), JsonParseException.Problem.NUMBER_TOO_LONG, 1, 1002),
        Arguments.of(
            "1." + "1".repeat(999) + "e5", JsonParseException.Problem.NUMBER_TOO_LONG, 1, 1004),
        Arguments.of(
            "{\"" + "a".repeat(50_001) + "\":1}", JsonParseException.Problem.NAME_TOO_LONG, 1, 2),
        Arguments.of(
            "{\"" + "\\u00e9".repeat(25_001) + "\":1}",
            JsonParseException.Problem.NAME_TOO_LONG,
            1,
            2),
        Arguments.of("{\"\\ud800\":1}", JsonParseException.Problem.UNPAIRED_SURROGATE, 1, 3),
        Arguments.of("{\"\\udc00\":1}", JsonParseException.Problem.UNPAIRED_SURROGATE, 1, 3),
        Arguments.of(
            "{\"a\\ud800\\u0041\":1}", JsonParseException.Problem.UNPAIRED_SURROGATE, 1, 10),
        Arguments.of("{\"\\ud800\\ud800\":1}", JsonParseException.Problem.UNPAIRED_SURROGATE, 1, 9),
        Arguments.of("{\"\\ud800\\x\":1}", JsonParseException.Problem.INVALID_ESCAPE, 1, 10),
        Arguments.of("{\"\\ud800", JsonParseException.Problem.END_OF_INPUT, 1, 9),
        Arguments.of("{} {}", JsonParseException.Problem.TRAILING_CONTENT, 1, 4),
        Arguments.of("1x", JsonParseException.Problem.TRAILING_CONTENT, 1, 2),
        Arguments.of("\"a\"\n\n  ,", JsonParseException.Problem.TRAILING_CONTENT, 3, 3));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("refusals")
  void read_shouldNameTheProblemAndWhere_whenTheTextIsNotJson(
      String text, JsonParseException.Problem problem, int line, int column) {
    // given
    byte[] json = text.getBytes(StandardCharsets.UTF_8);

    // when / then: refused with the place, and jackson refuses too
    assertThatThrownBy(() -> Json.read(json))
        .isInstanceOfSatisfying(
            JsonParseException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(problem);
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.column()).isEqualTo(column);
              assertThat(e)
                  .hasMessage(problem.description() + " at line " + line + ", column " + column);
            });
    assertThatThrownBy(() -> JacksonOracle.read(json)).isInstanceOf(IOException.class);
  }

  @Test
  void read_shouldThrowTrailingContent_whenSomethingFollowsTheValue() {
    assertThatThrownBy(() -> Json.read("{}[]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonParseException.TrailingContent.class)
        .hasMessage("content after the JSON value at line 1, column 3");
  }

  @Test
  void read_shouldAcceptTheLimits_whenExactlyAtThem() throws IOException {
    // given: 16 levels, 1000 digits, a 50,000-byte name (2-byte characters, written escaped)
    String deep = "[".repeat(16) + "]".repeat(16);
    String digits = "-" + "1".repeat(500) + "." + "2".repeat(400) + "e-" + "3".repeat(100);
    String name = "{\"" + "\\u00e9".repeat(25_000) + "\":1}";

    // when / then
    for (String text : List.of(deep, digits, "1".repeat(1000), name)) {
      byte[] json = text.getBytes(StandardCharsets.UTF_8);
      assertThat(Json.read(json)).isEqualTo(JacksonOracle.read(json));
    }
  }

  @Test
  void read_shouldKeepALoneSurrogate_asJacksonDoes() throws IOException {
    // given: escaped lone surrogates, and a pair written as two escapes
    byte[] json = "[\"\\ud800\",\"\\uDC00x\",\"\\ud83d\\ude00\"]".getBytes(StandardCharsets.UTF_8);

    // when / then
    assertThat(Json.read(json))
        .isEqualTo(List.of("\ud800", "\udc00x", "\ud83d\ude00"))
        .isEqualTo(JacksonOracle.read(json));
  }

  @Test
  void read_shouldWantEscapedSurrogatePairsInNames_asJacksonDoes() throws IOException {
    // given: a pair as two escapes in a name; a lone one is refused there (see refusals)
    byte[] json = "{\"a\\ud83d\\ude00\":1,\"\\udbff\\udfff\":2}".getBytes(StandardCharsets.UTF_8);

    // when / then
    assertThat(Json.read(json))
        .isEqualTo(Map.of("a\ud83d\ude00", 1, "\udbff\udfff", 2))
        .isEqualTo(JacksonOracle.read(json));
  }

  @Test
  void read_shouldDecodeEscapesAndUtf8() throws IOException {
    // given
    byte[] json =
        "{\"e\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00E9\",\"u\":\"é€😀\u007f\"}"
            .getBytes(StandardCharsets.UTF_8);

    // when / then
    assertThat(Json.read(json))
        .isEqualTo(Map.of("e", "\"\\/\b\f\n\r\tAé", "u", "é€😀\u007f"))
        .isEqualTo(JacksonOracle.read(json));
  }

  @Test
  void read_shouldKeepInsertionOrderAndNulls() throws IOException {
    // when
    Object value = Json.read("{\"z\":null,\"a\":[],\"m\":{}}".getBytes(StandardCharsets.UTF_8));

    // then
    assertThat(value).isInstanceOf(LinkedHashMap.class);
    @SuppressWarnings("unchecked") // Json.read gives string-keyed maps
    Map<String, Object> map = (Map<String, Object>) value;
    assertThat(map.keySet()).containsExactly("z", "a", "m");
    assertThat(map.get("a")).isInstanceOf(ArrayList.class);
    assertThat(map).containsEntry("z", null);
  }

  @Test
  void read_shouldSkipAUtf8ByteOrderMark_asJacksonDoes() throws IOException {
    // given
    byte[] json = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};

    // when / then
    assertThat(Json.read(json)).isEqualTo(Map.of()).isEqualTo(JacksonOracle.read(json));
  }

  static Stream<byte[]> invalidUtf8() {
    return Stream.of(
        new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'}, // overlong NUL
        new byte[] {'"', (byte) 0xC1, (byte) 0xBF, '"'}, // overlong
        new byte[] {'"', (byte) 0xE0, (byte) 0x80, (byte) 0x80, '"'}, // overlong
        new byte[] {'"', (byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'}, // overlong
        new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // > U+10FFFF
        new byte[] {'"', (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'}); // > U+10FFFF
  }

  @ParameterizedTest
  @MethodSource("invalidUtf8")
  void read_shouldRefuseMalformedUtf8_thatJacksonDecodedAnyway(byte[] json) throws IOException {
    // when / then: the deliberate difference, kept visible in case jackson changes
    assertThatThrownBy(() -> Json.read(json))
        .isInstanceOfSatisfying(
            JsonParseException.class,
            e -> assertThat(e.problem()).isEqualTo(JsonParseException.Problem.INVALID_UTF8));
    assertThat(JacksonOracle.read(json)).isInstanceOf(String.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "22ED A080 22",
        "2280 22",
        "22FF22",
        "22F8 22",
        "22C3 22",
        "22E282 22",
        "7BC3A97D"
      })
  void read_shouldRefuseInvalidUtf8_asJacksonDoes(String hex) {
    // given
    byte[] json = hex(hex);

    // when / then
    assertThatThrownBy(() -> Json.read(json)).isInstanceOf(JsonParseException.class);
    assertThatThrownBy(() -> JacksonOracle.read(json)).isInstanceOf(IOException.class);
  }

  @Test
  void read_shouldRefuseUtf16_whichJacksonDetected() throws IOException {
    // given
    byte[] utf16 = "{\"a\":1}".getBytes(StandardCharsets.UTF_16BE);

    // when / then
    assertThatThrownBy(() -> Json.read(utf16))
        .isInstanceOfSatisfying(
            JsonParseException.class,
            e ->
                assertThat(e.problem()).isEqualTo(JsonParseException.Problem.UNEXPECTED_CHARACTER));
    assertThat(JacksonOracle.read(utf16)).isEqualTo(Map.of("a", 1));
  }

  @Test
  void read_shouldNeverQuoteTheInput_inItsMessage() {
    // given: a phone number and a code just before each kind of mistake
    String secret = "+447911123456 AYADeJxSECRET";
    for (String tail : List.of("", "\\x\"", "\u0001\"", "\"", "\", \"p\": 01}")) {
      byte[] json = ("{\"p\": \"" + secret + tail).getBytes(StandardCharsets.UTF_8);

      // when / then
      assertThatThrownBy(() -> Json.read(json))
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .doesNotContain("447911123456", "AYADeJx", "SECRET", "\n"));
    }
  }

  @Test
  void readObjectLeniently_shouldGiveAnEmptyMap_whenNotAnObject() {
    assertThat(Json.readObjectLeniently("[1]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(Json.readObjectLeniently("<html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(Json.readObjectLeniently("{\"a\":true}".getBytes(StandardCharsets.UTF_8)))
        .containsEntry("a", true);
  }

  @Test
  void read_shouldReadEveryReferenceSample_asJacksonDoes() throws IOException {
    // given: the Cognito event samples (copies of /work/shared/reference) and the fixtures
    List<String> resources =
        List.of(
            "events/reference/aws-docs_custom-sms-sender-shape-and-trigger-sources.json",
            "events/reference/aws-lambda-go_cognito-event-userpools-customemailsender.json",
            "events/reference/powertools-python_cognitoCustomEmailSenderEvent.json",
            "events/reference/powertools-python_cognitoCustomSMSSenderEvent.json",
            "events/reference/powertools-ts_custom-email-sender-admin-create-user.json",
            "events/reference/powertools-ts_custom-email-sender-forgot-password.json",
            "events/reference/real-captured_custom-email-sender-signup_Yorlin2S.json",
            "events/custom_sms_sender_admin_create_user.json",
            "events/custom_sms_sender_authentication.json",
            "events/custom_sms_sender_forgot_password.json",
            "events/custom_sms_sender_resend_code.json",
            "events/custom_sms_sender_sign_up.json",
            "events/custom_sms_sender_update_user_attribute.json",
            "events/custom_sms_sender_verify_user_attribute.json",
            "whatsapp/whatsapp-auth-template-send-examples.json",
            "whatsapp/whatsapp-cloud-api-error-examples.json",
            "crypto/node-esdk-fixtures.json");
    for (String resource : resources) {
      byte[] json = resource(resource);

      // when
      Object ours = Json.read(json);

      // then
      assertThat(ours).as(resource).isEqualTo(JacksonOracle.read(json));
      JsonDifferentialProperties.compare(json);
      if (ours instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked") // Json.read gives string-keyed maps
        Map<String, ?> object = (Map<String, ?>) map;
        assertThat(Json.write(object)).as(resource).isEqualTo(JacksonOracle.write(object));
      }
    }
  }

  @Test
  void write_shouldEscapeAsJacksonDoes() {
    // given
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      all.append(c);
    }
    all.append("é€\u2028😀\ud800");
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("s", all.toString());
    value.put("k\n\"", List.of(1, 2L, 3.5, 1.5f, BigInteger.TEN.pow(30), true, false));
    value.put("n", null);
    value.put("m", Map.of("x", List.of()));
    value.put("o", DayOfWeek.MONDAY);

    // when
    String json = Json.write(value);

    // then
    assertThat(json).isEqualTo(JacksonOracle.write(value));
    assertThat(json)
        .startsWith(
            "{\"s\":\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r")
        .contains("\\u001F !\\\"#", "/0123", "\\\\]", "~\u007fé€\u2028😀\ud800\"")
        .endsWith(
            "\"k\\n\\\"\":[1,2,3.5,1.5,1000000000000000000000000000000,true,false],"
                + "\"n\":null,\"m\":{\"x\":[]},\"o\":\"MONDAY\"}");
  }

  @Test
  void write_shouldRefuse_whenAValueNestsBeyondTheWriteLimit() {
    // given
    Object value = List.of();
    for (int i = 0; i < Json.MAX_WRITE_DEPTH; i++) {
      value = List.of(value);
    }
    Map<String, Object> root = Map.of("a", value);

    // when / then
    assertThatThrownBy(() -> Json.write(root)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void utf8Writer_shouldEscapeSurrogatesAndControls_asJacksonsUtf8GeneratorDoes() {
    // given
    List<String> strings = List.of("to", "+447911123456", "t", "é€😀\ud800\u0001\n\"\\/");

    // when
    byte[] ours =
        new JsonUtf8Writer(8)
            .startObject()
            .field("to", "+447911123456")
            .field("t", "é€😀\ud800\u0001\n\"\\/")
            .name("list")
            .startArray()
            .value("to")
            .value("+447911123456")
            .value("t")
            .value("é€😀\ud800\u0001\n\"\\/")
            .endArray()
            .endObject()
            .toByteArray();

    // then
    assertThat(ours).isEqualTo(JacksonOracle.writeUtf8(strings));
    assertThat(new String(ours, StandardCharsets.UTF_8))
        .contains("\"t\":\"é€\\uD83D\\uDE00\\uD800\\u0001\\n\\\"\\\\/\"");
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = JsonTest.class.getResourceAsStream("/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static byte[] hex(String hex) {
    String digits = hex.replace(" ", "");
    byte[] bytes = new byte[digits.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }
}
