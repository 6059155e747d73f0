package dev.cognitowa.otp.sender.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class SendLoopTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

  @Test
  void run_shouldStopAndKeepTheInterrupt_whenInterruptedWhileWaitingToRetry() {
    // given
    SendLoop loop =
        new SendLoop(
            "sms",
            3,
            clock,
            d -> {
              throw new InterruptedException();
            },
            () -> 0.5);

    // when
    DeliveryOutcome outcome =
        loop.run(
            clock.instant().plusSeconds(10),
            left -> {
              throw SdkClientException.create("connection refused");
            },
            SmsErrorClassifier::classify);

    // then
    assertThat(Thread.interrupted()).isTrue();
    assertThat(outcome)
        .isEqualTo(
            new DeliveryOutcome.Failed(
                "sms",
                FailureKind.TRANSIENT_EXHAUSTED,
                null,
                "network: SdkClientException; interrupted while waiting to retry",
                1));
  }

  @Test
  void delay_shouldDoubleWithJitterUpToTheCap_whenJitterIsDrawnFromItsOwnGenerator() {
    // given
    SendLoop loop = new SendLoop("sns", 5, clock, d -> {}, null);

    // when / then: equal jitter keeps each delay in [step / 2, step]
    assertThat(loop.delay(1)).isBetween(Duration.ofMillis(125), Duration.ofMillis(250));
    assertThat(loop.delay(2)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    loop.reseed();
    assertThat(loop.delay(6)).isBetween(Duration.ofSeconds(2), SendLoop.MAX_DELAY);
    assertThat(loop.delay(40)).isBetween(Duration.ofSeconds(2), SendLoop.MAX_DELAY);
  }

  @Test
  void run_shouldReportOutcomeUnknown_whenAnEarlierAttemptMayHaveReachedTheProvider() {
    // given: the first answer never came (the text may be on its way), the second is a refusal
    SendLoop loop = new SendLoop("sms", 3, clock, clock::advance, () -> 0.5);
    int[] calls = {0};

    // when
    DeliveryOutcome outcome =
        loop.run(
            clock.instant().plusSeconds(10),
            left -> {
              calls[0]++;
              if (calls[0] == 1) {
                return ""; // 2xx without a message id: sent or not, nobody knows
              }
              throw new IllegalStateException("refused for good");
            },
            e -> new AttemptFailure(FailureKind.REJECTED, "refused"));

    // then: no second channel may pay for the same code
    assertThat(outcome)
        .isInstanceOfSatisfying(
            DeliveryOutcome.Failed.class,
            failed -> {
              assertThat(failed.kind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
              assertThat(failed.attempts()).isEqualTo(2);
            });
  }
}
