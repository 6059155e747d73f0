package dev.cognitowa.otp.sender.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import dev.cognitowa.otp.sender.delivery.MessageRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.idempotency.LedgerEntry.Status;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The ledger's rules, run against every implementation (the in-memory one of the unit tests,
 * DynamoDB's on dynalite), so the fake cannot drift from the real thing. Times come from a clock
 * the test moves.
 */
abstract class DeliveryLedgerContract {
  static final Instant START = Instant.parse("2026-11-25T10:00:00.250Z");
  static final Duration LEASE = Duration.ofSeconds(10);

  final MutableClock clock = new MutableClock(START);

  /** A ledger on {@link #clock}. */
  abstract DeliveryLedger ledger();

  static DeliveryKey newKey() {
    return DeliveryKey.of(
        "eu-west-1_EXAMPLE",
        "user-" + UUID.randomUUID(),
        TriggerSource.SIGN_UP,
        "ciphertext-" + UUID.randomUUID());
  }

  static DeliveryOutcome.Delivered sent() {
    return DeliveryOutcome.Delivered.accepted("whatsapp", "wamid.LEDGER", 2);
  }

  @Test
  void claim_shouldClaimUntilTheLeaseEnds_whenTheEventIsNew() {
    // given
    DeliveryLedger ledger = ledger();
    DeliveryKey key = newKey();

    // when
    Claim claim = ledger.claim(key, START.plus(LEASE));

    // then
    assertThat(claim).isInstanceOf(Claim.Claimed.class);
    assertThat(ledger.get(key))
        .hasValueSatisfying(
            entry -> {
              assertThat(entry.status()).isEqualTo(Status.IN_PROGRESS);
              assertThat(entry.leaseUntil()).isEqualTo(START.plus(LEASE));
              assertThat(entry.expiresAt())
                  .isEqualTo(
                      Instant.ofEpochSecond(START.plus(Duration.ofHours(24)).getEpochSecond()));
            });
  }

  @Test
  void claim_shouldAnswerTheRecordedResult_whenTheEventWasSent() {
    // given
    DeliveryLedger ledger = ledger();
    DeliveryKey key = newKey();
    Claim.Claimed first = (Claim.Claimed) ledger.claim(key, START.plus(LEASE));
    assertThat(ledger.markSent(first, sent())).isTrue();
    clock.advance(Duration.ofMinutes(1));

    // when
    Claim again = ledger.claim(key, clock.instant().plus(LEASE));

    // then
    assertThat(again)
        .isInstanceOfSatisfying(
            Claim.AlreadySent.class,
            duplicate -> {
              assertThat(duplicate.entry().channel()).isEqualTo("whatsapp");
              assertThat(duplicate.entry().messageRef()).isEqualTo(MessageRef.of("wamid.LEDGER"));
              assertThat(duplicate.entry().attempts()).isEqualTo(2);
            });
  }

  @Test
  void claim_shouldAnswerInProgress_whenAnotherClaimIsLive() {
    // given
    DeliveryLedger ledger = ledger();
    DeliveryKey key = newKey();
    ledger.claim(key, START.plus(LEASE));
    clock.advance(LEASE.minusMillis(1));

    // when
    Claim second = ledger.claim(key, clock.instant().plus(LEASE));

    // then
    assertThat(second)
        .isInstanceOfSatisfying(
            Claim.InProgress.class,
            busy -> assertThat(busy.entry().leaseUntil()).isEqualTo(START.plus(LEASE)));
  }

  @Test
  void claim_shouldClaimAgain_whenTheEarlierClaimsLeaseEnded() {
    // given: an invocation claimed and died
    DeliveryLedger ledger = ledger();
    DeliveryKey key = newKey();
    Claim.Claimed crashed = (Claim.Claimed) ledger.claim(key, START.plus(LEASE));
    clock.advance(LEASE.plusMillis(1));

    // when
    Claim retry = ledger.claim(key, clock.instant().plus(LEASE));

    // then
    assertThat(retry).isInstanceOf(Claim.Claimed.class);
    assertThat(ledger.markSent(crashed, sent())).as("the first owner lost its claim").isFalse();
    assertThat(ledger.markSent((Claim.Claimed) retry, sent())).isTrue();
  }

  @Test
  void claim_shouldClaimAgain_whenTheLastAttemptFailed() {
    // given
    DeliveryLedger ledger = ledger();
    DeliveryKey key = newKey();
    Claim.Claimed first = (Claim.Claimed) ledger.claim(key, START.plus(LEASE));
    assertThat(
            ledger.markFailed(
                first,
                new DeliveryOutcome.Failed(
                    "whatsapp",
                    FailureKind.OUTCOME_UNKNOWN,
                    null,
                    "network: SocketTimeoutException",
                    3)))
        .isTrue();

    // when: Lambda's retry, still inside the first lease
    Claim retry = ledger.claim(key, START.plus(LEASE));

    // then
    assertThat(retry).isInstanceOf(Claim.Claimed.class);
  }

  @Test
  void claim_shouldClaimAgain_whenTheSentEntryHasExpired() {
    // given: DynamoDB deletes expired items late, so an expired entry must not count
    DeliveryLedger ledger = ledger();
    DeliveryKey key = newKey();
    ledger.markSent((Claim.Claimed) ledger.claim(key, START.plus(LEASE)), sent());
    clock.advance(Duration.ofHours(24).plusSeconds(1));

    // when
    Claim later = ledger.claim(key, clock.instant().plus(LEASE));

    // then
    assertThat(later).isInstanceOf(Claim.Claimed.class);
  }

  @Test
  void markSent_shouldRecordTheMessageAndExpireIn24Hours_whenTheClaimIsHeld() {
    // given
    DeliveryLedger ledger = ledger();
    DeliveryKey key = newKey();
    Claim.Claimed claim = (Claim.Claimed) ledger.claim(key, START.plus(LEASE));
    clock.advance(Duration.ofSeconds(3));

    // when
    boolean recorded = ledger.markSent(claim, sent());

    // then
    assertThat(recorded).isTrue();
    assertThat(ledger.get(key))
        .hasValueSatisfying(
            entry -> {
              assertThat(entry.status()).isEqualTo(Status.SENT);
              assertThat(entry.messageRef()).isEqualTo(MessageRef.of("wamid.LEDGER"));
              assertThat(entry.expiresAt())
                  .isEqualTo(
                      Instant.ofEpochSecond(
                          START.plusSeconds(3).plus(Duration.ofHours(24)).getEpochSecond()));
            });
  }

  @Test
  void markFailed_shouldRecordKindAndProviderCode_whenTheClaimIsHeld() {
    // given
    DeliveryLedger ledger = ledger();
    DeliveryKey key = newKey();
    Claim.Claimed claim = (Claim.Claimed) ledger.claim(key, START.plus(LEASE));

    // when
    ledger.markFailed(
        claim,
        new DeliveryOutcome.Failed(
            "whatsapp", FailureKind.RECIPIENT_UNREACHABLE, 131026, "HTTP 400: undeliverable", 1));

    // then
    assertThat(ledger.get(key))
        .hasValueSatisfying(
            entry -> {
              assertThat(entry.status()).isEqualTo(Status.FAILED);
              assertThat(entry.failureKind()).isEqualTo("RECIPIENT_UNREACHABLE");
              assertThat(entry.errorCode()).isEqualTo(131026);
              assertThat(entry.attempts()).isEqualTo(1);
            });
  }

  @Test
  void get_shouldBeEmpty_whenTheEventWasNeverClaimed() {
    assertThat(ledger().get(newKey())).isEmpty();
  }
}
