package dev.cognitowa.otp.sender.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import dev.cognitowa.otp.sender.support.BoundedCall;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.sns.model.SnsException;

/** Failures no stand-in answers with: timeouts, abandoned calls, bugs. */
class AttemptFailureTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            "abandoned call",
            new BoundedCall.DeadlineExceededException("late"),
            new AttemptFailure(FailureKind.OUTCOME_UNKNOWN, "no answer before the deadline")),
        Arguments.of(
            "api call timeout",
            ApiCallTimeoutException.create(100),
            new AttemptFailure(FailureKind.OUTCOME_UNKNOWN, "network: ApiCallTimeoutException")),
        Arguments.of(
            "attempt timeout",
            ApiCallAttemptTimeoutException.create(100),
            new AttemptFailure(
                FailureKind.OUTCOME_UNKNOWN, "network: ApiCallAttemptTimeoutException")),
        Arguments.of(
            "no error details",
            SnsException.builder().statusCode(502).build(),
            new AttemptFailure(FailureKind.TRANSIENT_EXHAUSTED, "HTTP 502")),
        Arguments.of(
            "a bug",
            new IllegalStateException("boom"),
            new AttemptFailure(FailureKind.REJECTED, "unexpected: IllegalStateException")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void classify_shouldSortTheFailure_whenNoServiceAnswered(
      String name, RuntimeException failure, AttemptFailure expected) {
    // when / then
    assertThat(SmsErrorClassifier.classify(failure)).isEqualTo(expected);
    assertThat(SnsErrorClassifier.classify(failure)).isEqualTo(expected);
    assertThat(expected.retryable()).isEqualTo(expected.kind() != FailureKind.REJECTED);
  }
}
