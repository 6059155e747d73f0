package dev.cognitowa.otp.sender.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.limits.NumberPseudonyms;
import dev.cognitowa.otp.sender.limits.SendLimitsUnavailableException;
import dev.cognitowa.otp.sender.testutils.Dynalite;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The verification ledger on the real SDK against dynalite. */
class DynamoDbVerificationLedgerTest {
  @RegisterExtension static Dynalite dynalite = new Dynalite();

  private static final String POOL = "eu-west-1_EXAMPLE";
  private static final byte[] KEY =
      "a deployment's pseudonym key of 32+ characters".getBytes(StandardCharsets.UTF_8);
  private static final AtomicInteger USERS = new AtomicInteger();

  private final String user = "maria.garcia." + USERS.incrementAndGet();
  private final MutableClock clock = new MutableClock(Instant.parse("2033-05-01T10:00:00Z"));
  private final Instant deadline = Instant.parse("2100-01-01T00:00:00Z");
  private final DynamoDbVerificationLedger ledger =
      new DynamoDbVerificationLedger(
          dynalite.client(), Dynalite.TABLE, NumberPseudonyms.keyed(KEY), clock);

  private SendRecord send(String channel) {
    return new SendRecord(channel, "GB", "CustomSMSSender_SignUp", clock.instant(), null);
  }

  @Test
  void markVerified_shouldReturnTheLatestSendOnce_whenItsCodeIsStillValid() {
    // given: two codes sent a minute apart; the second is the latest
    ledger.recordSend(POOL, user, SourceFamily.SIGN_UP, send("whatsapp"), deadline);
    clock.advance(Duration.ofMinutes(1));
    Instant latest = clock.instant();
    ledger.recordSend(POOL, user, SourceFamily.SIGN_UP, send("sms"), deadline);
    clock.advance(Duration.ofSeconds(42));

    // when
    Optional<Verified> first =
        ledger.markVerified(POOL, user, SourceFamily.SIGN_UP, clock.instant(), deadline);
    Optional<Verified> again =
        ledger.markVerified(POOL, user, SourceFamily.SIGN_UP, clock.instant(), deadline);

    // then
    assertThat(first).isPresent();
    assertThat(first.get().send().channel()).isEqualTo("sms");
    assertThat(first.get().send().country()).isEqualTo("GB");
    assertThat(first.get().send().sentAt()).isEqualTo(latest);
    assertThat(first.get().timeToVerify()).isEqualTo(Duration.ofSeconds(42));
    assertThat(again).isEmpty();
  }

  @Test
  void markVerified_shouldFindNothing_whenTheCodeExpiredOrAnotherFamilyWasSent() {
    // given: a sign-in code, 16 minutes old
    ledger.recordSend(POOL, user, SourceFamily.SIGN_IN, send("sms"), deadline);
    clock.advance(Duration.ofMinutes(16));

    // when / then
    assertThat(ledger.markVerified(POOL, user, SourceFamily.SIGN_IN, clock.instant(), deadline))
        .isEmpty();
    assertThat(ledger.markVerified(POOL, user, SourceFamily.SIGN_UP, clock.instant(), deadline))
        .isEmpty();
  }

  @Test
  void recordSend_shouldNameNeitherTheUserNorAPlainHashOfThem() throws Exception {
    // given
    ledger.recordSend(POOL, user, SourceFamily.FORGOT_PASSWORD, send("sms"), deadline);

    // when
    String id = ledger.idOf(POOL, user, SourceFamily.FORGOT_PASSWORD, deadline);

    // then: the item exists under a keyed pseudonym with only the send's facts and a TTL
    assertThat(id).startsWith("verify#").doesNotContain(user);
    String plain =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest((POOL + user).getBytes(StandardCharsets.UTF_8)));
    assertThat(id).doesNotContain(plain);
    assertThat(ledger.idOf(POOL, user, SourceFamily.SIGN_UP, deadline)).isNotEqualTo(id);
    assertThat(
            new DynamoDbVerificationLedger(
                    dynalite.client(), Dynalite.TABLE, NumberPseudonyms.unkeyed(), clock)
                .idOf(POOL, user, SourceFamily.FORGOT_PASSWORD, deadline))
        .isNotEqualTo(id);
    var item = dynalite.item(id);
    assertThat(item.keySet())
        .containsExactlyInAnyOrder(
            "id",
            "channel",
            "country",
            "triggerSource",
            "family",
            "sentAt",
            "validUntil",
            "expiresAt");
    assertThat(Long.parseLong(item.get("expiresAt").n()))
        .isEqualTo(
            clock.instant().plus(Duration.ofHours(1)).plus(Duration.ofDays(1)).getEpochSecond());
  }

  @Test
  void recordSend_shouldKeepTheFeedbackId_whenTheChannelGaveOne() {
    // given
    SendRecord send =
        new SendRecord("sms", "GB", "CustomSMSSender_Authentication", clock.instant(), "msg-1");

    // when
    ledger.recordSend(POOL, user, SourceFamily.SIGN_IN, send, deadline);

    // then
    assertThat(
            ledger
                .markVerified(POOL, user, SourceFamily.SIGN_IN, clock.instant(), deadline)
                .orElseThrow()
                .send()
                .feedbackId())
        .isEqualTo("msg-1");
  }

  @Test
  void idOf_shouldFailAsTheLedgerDoes_whenTheKeyCannotBeRead() {
    // given
    DynamoDbVerificationLedger keyless =
        new DynamoDbVerificationLedger(
            dynalite.client(),
            Dynalite.TABLE,
            NumberPseudonyms.loadedBy(
                d -> {
                  throw new SendLimitsUnavailableException("cannot read the pseudonym key");
                }),
            clock);

    // when / then
    assertThatThrownBy(
            () -> keyless.markVerified(POOL, user, SourceFamily.SIGN_UP, clock.instant(), deadline))
        .isInstanceOf(VerificationUnavailableException.class)
        .hasMessage("cannot read the pseudonym key");
  }
}
