package dev.cognitowa.otp.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.MessageRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.idempotency.Claim;
import dev.cognitowa.otp.sender.idempotency.DeliveryKey;
import dev.cognitowa.otp.sender.idempotency.DeliveryLedgerUnavailableException;
import dev.cognitowa.otp.sender.idempotency.LedgerEntry;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import dev.cognitowa.otp.sender.tracking.FallbackClaim;
import dev.cognitowa.otp.sender.tracking.MessageLedger;
import dev.cognitowa.otp.sender.tracking.TrackedMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local ledger keeps the DynamoDB ledger's claims, leases and expiry across processes. */
class FileLedgerTest {
  private static final Duration WINDOW = Duration.ofMinutes(5);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-08T10:00:00Z"));

  private FileLedger ledger(Path file) {
    return new FileLedger(file, WINDOW, clock); // a new instance per "process"
  }

  @Test
  void claim_shouldSeeTheOtherProcessesDelivery_whenTheFileIsShared(@TempDir Path dir) {
    // given
    Path file = dir.resolve("ledger.json");
    DeliveryKey key = new DeliveryKey("k1");
    Claim first = ledger(file).claim(key, clock.instant().plusSeconds(10));

    // when
    Claim whileSending = ledger(file).claim(key, clock.instant().plusSeconds(10));
    boolean marked =
        ledger(file)
            .markSent(
                (Claim.Claimed) first,
                DeliveryOutcome.Delivered.accepted("whatsapp", "wamid.LOCAL1", 1));
    Claim afterwards = ledger(file).claim(key, clock.instant().plusSeconds(10));

    // then
    assertThat(first).isInstanceOf(Claim.Claimed.class);
    assertThat(whileSending).isInstanceOf(Claim.InProgress.class);
    assertThat(marked).isTrue();
    assertThat(afterwards).isInstanceOf(Claim.AlreadySent.class);
    LedgerEntry entry = ledger(file).get(key).orElseThrow();
    assertThat(entry.status()).isEqualTo(LedgerEntry.Status.SENT);
    assertThat(entry.messageRef()).isEqualTo(MessageRef.of("wamid.LOCAL1"));
  }

  @Test
  void claim_shouldBeTakenAgain_whenTheDeliveryFailedOrTheLeaseRanOut(@TempDir Path dir) {
    // given
    Path file = dir.resolve("ledger.json");
    DeliveryKey failedKey = new DeliveryKey("failed");
    DeliveryKey stuckKey = new DeliveryKey("stuck");
    Claim.Claimed failed =
        (Claim.Claimed) ledger(file).claim(failedKey, clock.instant().plusSeconds(10));
    ledger(file)
        .markFailed(
            failed,
            new DeliveryOutcome.Failed(
                "whatsapp", DeliveryOutcome.FailureKind.TRANSIENT_EXHAUSTED, null, "network", 3));
    Claim.Claimed stuck =
        (Claim.Claimed) ledger(file).claim(stuckKey, clock.instant().plusSeconds(10));

    // when
    clock.advance(Duration.ofSeconds(11));

    // then: a stale owner can no longer finish
    assertThat(ledger(file).claim(failedKey, clock.instant().plusSeconds(10)))
        .isInstanceOf(Claim.Claimed.class);
    assertThat(ledger(file).claim(stuckKey, clock.instant().plusSeconds(10)))
        .isInstanceOf(Claim.Claimed.class);
    assertThat(
            ledger(file)
                .markSent(stuck, DeliveryOutcome.Delivered.accepted("whatsapp", "wamid.X", 1)))
        .isFalse();
  }

  @Test
  void claimFallback_shouldFollowTheMessagesState_whenStatusesArrive(@TempDir Path dir) {
    // given
    Path file = dir.resolve("ledger.json");
    ledger(file).track(message("wamid.A"), clock.instant());
    ledger(file).track(message("wamid.B"), clock.instant());
    ledger(file).track(message("wamid.C"), clock.instant());

    // when
    boolean delivered =
        ledger(file).recordStatus("wamid.A", MessageLedger.StatusKind.DELIVERED, clock.instant());
    FallbackClaim afterDelivery =
        ledger(file).claimFallback("wamid.A", "131026", clock.instant().plusSeconds(5));
    FallbackClaim claimed =
        ledger(file).claimFallback("wamid.B", "131026", clock.instant().plusSeconds(5));
    FallbackClaim twice =
        ledger(file).claimFallback("wamid.B", "131026", clock.instant().plusSeconds(5));
    FallbackClaim unknown =
        ledger(file).claimFallback("wamid.Z", "131026", clock.instant().plusSeconds(5));

    // then
    assertThat(delivered).isTrue();
    assertThat(afterDelivery)
        .isEqualTo(new FallbackClaim.Declined(FallbackClaim.Reason.AFTER_DELIVERY));
    assertThat(claimed).isInstanceOf(FallbackClaim.Claimed.class);
    FallbackClaim.Claimed claim = (FallbackClaim.Claimed) claimed;
    assertThat(claim.message().channelIndex()).isZero();
    assertThat(claim.message().triggerSource()).isEqualTo(TriggerSource.SIGN_UP);
    assertThat(twice).isEqualTo(new FallbackClaim.Declined(FallbackClaim.Reason.ALREADY_CLAIMED));
    assertThat(unknown).isEqualTo(new FallbackClaim.Declined(FallbackClaim.Reason.UNKNOWN));
    assertThat(ledger(file).releaseFallback(claim)).isTrue();
    FallbackClaim again =
        ledger(file).claimFallback("wamid.B", "131026", clock.instant().plusSeconds(5));
    assertThat(
            ledger(file)
                .recordFallback(
                    (FallbackClaim.Claimed) again,
                    DeliveryOutcome.Delivered.accepted("sms", "sms-1", 1)))
        .isTrue();
    assertThat(
            ledger(file).recordFallback(claim, DeliveryOutcome.Delivered.accepted("sms", "x", 1)))
        .as("the released claim's owner no longer owns it")
        .isFalse();

    clock.advance(WINDOW.plusSeconds(1));
    assertThat(ledger(file).claimFallback("wamid.C", "131026", clock.instant().plusSeconds(5)))
        .isEqualTo(new FallbackClaim.Declined(FallbackClaim.Reason.WINDOW_PASSED));
    clock.advance(MessageLedger.EXPIRY_MARGIN);
    assertThat(ledger(file).recordStatus("wamid.C", MessageLedger.StatusKind.READ, clock.instant()))
        .as("expired as the DynamoDB item would be")
        .isFalse();
  }

  @Test
  void lastSent_shouldBeRemembered_whenAnotherProcessReadsIt(@TempDir Path dir) {
    // given
    Path file = dir.resolve("ledger.json");

    // when
    ledger(file).rememberLastSent("wamid.LOCAL000000000007");

    // then
    assertThat(ledger(file).lastSent()).contains("wamid.LOCAL000000000007");
    assertThat(ledger(dir.resolve("other.json")).lastSent()).isEmpty();
    assertThat(ledger(file).window()).isEqualTo(WINDOW);
  }

  @Test
  void update_shouldSayTheFileIsUnusable_whenItIsNotALedger(@TempDir Path dir) throws IOException {
    // given
    Path file = dir.resolve("ledger.json");
    Files.writeString(file, "[1,2]");
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{not json");

    // when / then
    assertThatThrownBy(() -> ledger(file).lastSent())
        .isInstanceOf(DeliveryLedgerUnavailableException.class)
        .hasMessageContaining("is not a JSON object: delete it to start afresh");
    assertThatThrownBy(() -> ledger(broken).lastSent())
        .isInstanceOf(DeliveryLedgerUnavailableException.class)
        .hasMessageContaining("cannot be read or written");
  }

  private TrackedMessage message(String id) {
    return new TrackedMessage(
        id,
        "AYADeCiphertext",
        "eu-west-1_LOCAL0000",
        "maria",
        TriggerSource.SIGN_UP,
        "+447400123459",
        "whatsapp",
        0,
        clock.instant(),
        null,
        "en_US");
  }
}
