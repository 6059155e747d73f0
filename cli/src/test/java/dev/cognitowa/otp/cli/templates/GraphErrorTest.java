package dev.cognitowa.otp.cli.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GraphErrorTest {
  private static final String PHONE = "+447911123456";

  static Stream<Arguments> remedies() {
    return Stream.of(
        Arguments.of("190 expired token", 401, 190, "renew the token"),
        Arguments.of("10 permission", 403, 10, "permission missing"),
        Arguments.of("200 permission", 403, 200, "permission missing"),
        Arguments.of("299 permission", 403, 299, "permission missing"),
        Arguments.of("4 app rate limit", 400, 4, "retry later"),
        Arguments.of("80008 account rate limit", 400, 80008, "retry later"),
        Arguments.of("613 call limit", 400, 613, "retry later"),
        Arguments.of("100 invalid parameter", 400, 100, "invalid parameter"),
        Arguments.of("1 unknown", 500, 1, "Meta is having trouble"),
        Arguments.of("unknown code on a 5xx", 503, 999, "Meta is having trouble"),
        Arguments.of("368 restricted", 400, 368, "restricted for policy violations"),
        Arguments.of("unknown code", 400, 131999, "see Meta's error codes"),
        Arguments.of("no code, 4xx", 404, null, "not a Graph answer"),
        Arguments.of("no code, 5xx", 502, null, "Meta is having trouble"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("remedies")
  void remedy_shouldTellWhatToDo_whenGraphAnswersThisCode(
      String name, int status, Integer code, String remedy) {
    // when
    GraphError error = new GraphError(status, code, null, "");

    // then
    assertThat(error.remedy()).contains(remedy);
    assertThat(error.describe()).endsWith("-> " + error.remedy());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("duplicates")
  void isDuplicate_shouldRecogniseMetasAnswer_whenNameAndLanguageExist(
      String name, Map<String, Object> error, boolean duplicate) {
    assertThat(GraphError.of(400, Map.of("error", error)).isDuplicate()).isEqualTo(duplicate);
  }

  static Stream<Arguments> duplicates() {
    return Stream.of(
        Arguments.of(
            "subcode 2388024",
            Map.of("message", "Invalid parameter", "code", 100, "error_subcode", 2388024),
            true),
        Arguments.of(
            "message only",
            Map.of("message", "Template name already exists in this language", "code", 100),
            true),
        Arguments.of(
            "another invalid parameter",
            Map.of("message", "Invalid parameter", "code", 100, "error_subcode", 2388043),
            false));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("unsafeMessages")
  void of_shouldMaskNumbersAndBoundTheText_whenMetaQuotesThem(String message) {
    // when
    GraphError error = GraphError.of(400, Map.of("error", Map.of("message", message, "code", 100)));

    // then
    assertThat(error.message())
        .doesNotContain("447911123456")
        .doesNotContain("\n")
        .hasSizeLessThanOrEqualTo(GraphError.MAX_MESSAGE_LENGTH);
  }

  static Stream<String> unsafeMessages() {
    return Stream.of(
        "Recipient " + PHONE + " is not valid",
        "line one\nline two " + PHONE,
        "x".repeat(500) + PHONE);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("notGraph")
  void of_shouldHaveNoCode_whenTheBodyIsNotGraphs(Map<String, Object> body) {
    assertThat(GraphError.of(502, body).code()).isNull();
  }

  static Stream<Map<String, Object>> notGraph() {
    return Stream.of(Map.of(), Map.of("error", "gateway"), Map.of("message", "Bad gateway"));
  }
}
