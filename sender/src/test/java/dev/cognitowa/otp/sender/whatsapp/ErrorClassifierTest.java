package dev.cognitowa.otp.sender.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.whatsapp.ErrorClassifier.Verdict;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Codes whose meaning was settled by review, each with the HTTP status Graph sends it with. */
class ErrorClassifierTest {

  static Stream<Arguments> reviewedCodes() {
    return Stream.of(
        Arguments.of("613 rate limit", 400, 613, Verdict.TRANSIENT),
        Arguments.of(
            "368 temporarily blocked for policy violations", 403, 368, Verdict.CONFIGURATION),
        Arguments.of("131031 account locked", 403, 131031, Verdict.CONFIGURATION),
        Arguments.of(
            "131048 spam rate limit: about this content, not retried",
            400,
            131048,
            Verdict.REJECTED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reviewedCodes")
  void classify_shouldFollowTheCode_whenGraphAnswersWithAReviewedCode(
      String name, int status, int code, Verdict expected) {
    // when
    Verdict verdict =
        ErrorClassifier.classify(new SendResult.Rejected(status, code, name, Optional.empty()));

    // then
    assertThat(verdict).isEqualTo(expected);
  }
}
