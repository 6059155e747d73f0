package dev.cognitowa.otp.sender.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.whatsapp.ErrorClassifier.Verdict;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.WithQuickTheories;
import org.quicktheories.core.Gen;

/**
 * Classification is decided by Graph's error code; the HTTP status only breaks ties for unknown
 * codes.
 */
class ErrorClassifierProperties implements WithQuickTheories {
  /**
   * Fixed, so every run checks the same examples; a failure prints its falsifying answer for a
   * regression test.
   */
  private static final long SEED = 0x5EED_0003L;

  /**
   * Tries per property: QuickTheories' own default, written out so a change of default changes
   * nothing here.
   */
  private static final int EXAMPLES = 1000;

  /**
   * The largest Graph error code drawn at random: above every code Meta documents for the Cloud
   * API.
   */
  private static final int MAX_CODE = 200_000;

  @Test
  void classify_shouldIgnoreTheStatus_whenTheCodeIsKnownTransient() {
    qt().withFixedSeed(SEED)
        .withExamples(EXAMPLES)
        .forAll(integers().between(400, 599), arbitrary().pick(sorted(ErrorClassifier.TRANSIENT)))
        .checkAssert(
            (status, code) ->
                assertThat(
                        ErrorClassifier.classify(
                            new SendResult.Rejected(status, code, "x", Optional.empty())))
                    .isEqualTo(Verdict.TRANSIENT));
  }

  @Test
  void classify_shouldTrustTheStatus_whenTheCodeIsUnknown() {
    Gen<Integer> unknownCodes =
        integers()
            .between(0, MAX_CODE)
            .assuming(
                code ->
                    !ErrorClassifier.TRANSIENT.contains(code)
                        && !ErrorClassifier.RECIPIENT.contains(code)
                        && !ErrorClassifier.CONFIGURATION.contains(code)
                        && code != ErrorClassifier.TOKEN_EXPIRED
                        && (code < 200 || code > 299));
    qt().withFixedSeed(SEED)
        .withExamples(EXAMPLES)
        .forAll(integers().between(400, 599), unknownCodes)
        .checkAssert(
            (status, code) -> {
              Verdict verdict =
                  ErrorClassifier.classify(
                      new SendResult.Rejected(status, code, "x", Optional.empty()));
              assertThat(verdict).isEqualTo(status >= 500 ? Verdict.TRANSIENT : Verdict.REJECTED);
            });
  }

  @Test
  void isRetryable_shouldMatchTransient_forAnyAnswer() {
    qt().withFixedSeed(SEED)
        .withExamples(EXAMPLES)
        .forAll(integers().between(200, 599), anyCode())
        .checkAssert(
            (status, code) -> {
              SendResult result =
                  new SendResult.Rejected(status, code.orElse(null), "x", Optional.empty());
              assertThat(new RetryPolicy(3).isRetryable(result))
                  .isEqualTo(ErrorClassifier.classify(result) == Verdict.TRANSIENT);
            });
  }

  /**
   * No code (1 in 10), a code the classifier knows (about 3 in 10) or any code up to {@link
   * #MAX_CODE}: drawn uniformly alone, the absent and the known codes (a few dozen in 200,000)
   * would almost never come up.
   */
  private Gen<Optional<Integer>> anyCode() {
    Set<Integer> codes = new HashSet<>(ErrorClassifier.TRANSIENT);
    codes.addAll(ErrorClassifier.RECIPIENT);
    codes.addAll(ErrorClassifier.CONFIGURATION);
    codes.add(ErrorClassifier.TOKEN_EXPIRED);
    List<Integer> known = sorted(codes);
    Gen<Optional<Integer>> none = arbitrary().constant(Optional.empty());
    Gen<Optional<Integer>> knownCode = arbitrary().pick(known).map(Optional::of);
    Gen<Optional<Integer>> randomCode = integers().between(0, MAX_CODE).map(Optional::of);
    return randomCode.mix(knownCode, 30).mix(none, 10);
  }

  /**
   * In a fixed order: {@code Set.of} iterates in an order chosen anew in every JVM, which would
   * undo the seed.
   */
  private static List<Integer> sorted(Set<Integer> codes) {
    return codes.stream().sorted().toList();
  }
}
