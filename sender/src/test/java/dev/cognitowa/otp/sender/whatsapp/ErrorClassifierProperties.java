package dev.cognitowa.otp.sender.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.whatsapp.ErrorClassifier.Verdict;
import java.util.Optional;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Classification is decided by Graph's error code; the HTTP status only breaks ties for unknown codes. */
class ErrorClassifierProperties {
  @Property
  void classify_shouldIgnoreTheStatus_whenTheCodeIsKnownTransient(@ForAll @IntRange(min = 400, max = 599) int status,
      @ForAll("transientCodes") int code) {
    assertThat(ErrorClassifier.classify(new SendResult.Rejected(status, code, "x", Optional.empty())))
        .isEqualTo(Verdict.TRANSIENT);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> transientCodes() {
    return net.jqwik.api.Arbitraries.of(ErrorClassifier.TRANSIENT);
  }

  @Property
  void classify_shouldTrustTheStatus_whenTheCodeIsUnknown(@ForAll @IntRange(min = 400, max = 599) int status,
      @ForAll @IntRange(min = 0, max = 200_000) int code) {
    Assume.that(!ErrorClassifier.TRANSIENT.contains(code) && !ErrorClassifier.RECIPIENT.contains(code)
        && !ErrorClassifier.CONFIGURATION.contains(code) && code != 190 && (code < 200 || code > 299));
    Verdict verdict = ErrorClassifier.classify(new SendResult.Rejected(status, code, "x", Optional.empty()));
    assertThat(verdict).isEqualTo(status >= 500 ? Verdict.TRANSIENT : Verdict.REJECTED);
  }

  @Property
  void isRetryable_shouldMatchTransient_forAnyAnswer(@ForAll @IntRange(min = 200, max = 599) int status,
      @ForAll @IntRange(min = -1, max = 200_000) int code) {
    SendResult result = new SendResult.Rejected(status, code < 0 ? null : code, "x", Optional.empty());
    assertThat(new RetryPolicy(3).isRetryable(result))
        .isEqualTo(ErrorClassifier.classify(result) == Verdict.TRANSIENT);
  }
}
