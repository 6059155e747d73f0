package dev.cognitowa.otp.sender.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.Delivered;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.Failed;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chain's decisions: which failure tries the next channel, how time is shared, what the outcome
 * says.
 */
class ChannelChainTest {
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  private final MutableClock clock = new MutableClock(START);

  /**
   * A channel that answers what it is told, after using {@code takes} of the clock, and remembers
   * its deadline.
   */
  private final class FakeChannel implements MessageChannel {
    private final String name;
    private final DeliveryOutcome answer;
    private final Duration takes;
    final List<Instant> deadlines = new ArrayList<>();
    int restores;

    FakeChannel(String name, DeliveryOutcome answer, Duration takes) {
      this.name = name;
      this.answer = answer;
      this.takes = takes;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public DeliveryOutcome deliver(OtpMessage message, Instant deadline) {
      deadlines.add(deadline);
      clock.advance(takes);
      return answer;
    }

    @Override
    public void afterRestore() {
      restores++;
    }
  }

  private FakeChannel failing(String name, FailureKind kind, Integer code) {
    return new FakeChannel(
        name, new Failed(name, kind, code, "refused", 1), Duration.ofMillis(300));
  }

  private FakeChannel delivering(String name) {
    return new FakeChannel(name, Delivered.accepted(name, name + ".ID", 1), Duration.ofMillis(200));
  }

  private static OtpMessage message() {
    return new OtpMessage(
        TriggerSource.SIGN_UP,
        Recipient.ofValidatedE164(TestSecrets.PHONE),
        new TemplateRef("otp_code", "en_US"),
        List.of(Sensitive.of(TestSecrets.CODE)),
        Optional.of(Sensitive.of(TestSecrets.CODE)));
  }

  static Stream<Arguments> failureKinds() {
    return Stream.of(
        Arguments.of(FailureKind.RECIPIENT_UNREACHABLE, true),
        Arguments.of(FailureKind.TRANSIENT_EXHAUSTED, true),
        Arguments.of(FailureKind.CONFIGURATION, true),
        Arguments.of(FailureKind.TOKEN_REFRESH_FAILED, true),
        Arguments.of(FailureKind.REJECTED, true),
        Arguments.of(FailureKind.OUTCOME_UNKNOWN, false),
        Arguments.of(FailureKind.REFUSED_BY_LIMIT, false));
  }

  @Test
  void failureKinds_shouldCoverEveryKind_whenTheTableIsRead() {
    // given / when
    List<Object> covered = failureKinds().map(a -> a.get()[0]).toList();

    // then
    assertThat(covered).containsExactlyInAnyOrder((Object[]) FailureKind.values());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failureKinds")
  void deliver_shouldTryTheNextChannelOnlyWhenAnotherChannelCanHelp_whenTheFirstFails(
      FailureKind kind, boolean fallsBack) {
    // given
    FakeChannel whatsapp = failing("whatsapp", kind, null);
    FakeChannel sms = delivering("sms");
    MessageChannel chain = ChannelChain.of(List.of(whatsapp, sms), clock);

    // when
    DeliveryOutcome outcome = chain.deliver(message(), START.plusSeconds(10));

    // then
    assertThat(sms.deadlines).hasSize(fallsBack ? 1 : 0);
    if (fallsBack) {
      assertThat(outcome)
          .isEqualTo(
              new Delivered(
                  "sms",
                  MessageRef.of("sms.ID"),
                  1,
                  false,
                  List.of(new Failed("whatsapp", kind, null, "refused", 1))));
      assertThat(outcome.fallbackFrom()).containsExactly("whatsapp:" + kind.name());
    } else {
      assertThat(outcome).isEqualTo(new Failed("whatsapp", kind, null, "refused", 1));
      assertThat(outcome.fallbackFrom()).isEmpty();
    }
  }

  @Test
  void deliver_shouldNotTryLaterChannels_whenTheFirstDelivers() {
    // given
    FakeChannel whatsapp = delivering("whatsapp");
    FakeChannel sms = delivering("sms");

    // when
    DeliveryOutcome outcome =
        ChannelChain.of(List.of(whatsapp, sms), clock).deliver(message(), START.plusSeconds(10));

    // then
    assertThat(outcome).isEqualTo(Delivered.accepted("whatsapp", "whatsapp.ID", 1));
    assertThat(sms.deadlines).isEmpty();
  }

  @Test
  void deliver_shouldAnswerTheLastFailureWithEveryEarlierOne_whenAllChannelsFail() {
    // given
    FakeChannel whatsapp = failing("whatsapp", FailureKind.RECIPIENT_UNREACHABLE, 131026);
    FakeChannel eum = failing("whatsapp-eum", FailureKind.TRANSIENT_EXHAUSTED, null);
    FakeChannel sms = failing("sms", FailureKind.REJECTED, 400);

    // when
    DeliveryOutcome outcome =
        ChannelChain.of(List.of(whatsapp, eum, sms), clock)
            .deliver(message(), START.plusSeconds(10));

    // then
    assertThat(outcome).isInstanceOf(Failed.class);
    assertThat(outcome.channel()).isEqualTo("sms");
    assertThat(((Failed) outcome).kind()).isEqualTo(FailureKind.REJECTED);
    assertThat(outcome.fallbackFrom())
        .containsExactly("whatsapp:131026", "whatsapp-eum:TRANSIENT_EXHAUSTED");
  }

  @Test
  void deliver_shouldStopAndAnswerTheFailure_whenLessThanASecondIsLeftForTheNextChannel() {
    // given: the first channel uses its whole share and leaves 800 ms
    FakeChannel whatsapp =
        new FakeChannel(
            "whatsapp",
            new Failed("whatsapp", FailureKind.TRANSIENT_EXHAUSTED, 130429, "throttled", 3),
            Duration.ofMillis(4200));
    FakeChannel sms = delivering("sms");

    // when
    DeliveryOutcome outcome =
        ChannelChain.of(List.of(whatsapp, sms), clock).deliver(message(), START.plusSeconds(5));

    // then
    assertThat(outcome)
        .isEqualTo(new Failed("whatsapp", FailureKind.TRANSIENT_EXHAUSTED, 130429, "throttled", 3));
    assertThat(sms.deadlines).isEmpty();
  }

  @Test
  void deliver_shouldKeepTwoSecondsForEachLaterChannel_whenTimeIsPlenty() {
    // given
    FakeChannel whatsapp = failing("whatsapp", FailureKind.RECIPIENT_UNREACHABLE, 131026);
    FakeChannel eum = failing("whatsapp-eum", FailureKind.RECIPIENT_UNREACHABLE, null);
    FakeChannel sms = delivering("sms");
    Instant deadline = START.plusSeconds(10);

    // when
    ChannelChain.of(List.of(whatsapp, eum, sms), clock).deliver(message(), deadline);

    // then
    assertThat(whatsapp.deadlines).containsExactly(deadline.minusSeconds(4));
    assertThat(eum.deadlines).containsExactly(deadline.minusSeconds(2));
    assertThat(sms.deadlines).containsExactly(deadline);
  }

  @Test
  void deliver_shouldGiveTheFirstChannelHalfTheTime_whenTheReservesWouldTakeMore() {
    // given: 3 s left, two later channels would reserve 4 s
    FakeChannel whatsapp = delivering("whatsapp");
    MessageChannel chain =
        ChannelChain.of(List.of(whatsapp, delivering("whatsapp-eum"), delivering("sms")), clock);

    // when
    chain.deliver(message(), START.plusSeconds(3));

    // then
    assertThat(whatsapp.deadlines).containsExactly(START.plusMillis(1500));
  }

  @Test
  void of_shouldReturnTheChannelItself_whenThereIsOnlyOne() {
    // given
    FakeChannel whatsapp = delivering("whatsapp");

    // when
    MessageChannel chain = ChannelChain.of(List.of(whatsapp));

    // then
    assertThat(chain).isSameAs(whatsapp);
  }

  @Test
  void afterRestore_shouldReachEveryChannel_whenRestoredFromASnapshot() {
    // given
    FakeChannel whatsapp = delivering("whatsapp");
    FakeChannel sms = delivering("sms");
    MessageChannel chain = ChannelChain.of(List.of(whatsapp, sms), clock);

    // when
    chain.afterRestore();

    // then
    assertThat(whatsapp.restores).isEqualTo(1);
    assertThat(sms.restores).isEqualTo(1);
    assertThat(chain.name()).isEqualTo("whatsapp,sms");
  }

  @Test
  void deliver_shouldAskTheGuardBeforeEachChannel_whenTheFirstFailsAndTheSecondIsAdmitted() {
    // given
    FakeChannel whatsapp = failing("whatsapp", FailureKind.RECIPIENT_UNREACHABLE, 131026);
    FakeChannel sms = delivering("sms");
    ChannelChain chain = (ChannelChain) ChannelChain.of(List.of(whatsapp, sms), clock);
    List<String> asked = new ArrayList<>();

    // when
    DeliveryOutcome outcome =
        chain.deliver(
            message(),
            START.plusSeconds(10),
            name -> {
              asked.add(name);
              return Optional.empty();
            });

    // then
    assertThat(asked).containsExactly("whatsapp", "sms");
    assertThat(outcome).isInstanceOf(Delivered.class);
    assertThat(outcome.channel()).isEqualTo("sms");
  }

  @Test
  void deliver_shouldSendNothingAndEndTheChain_whenTheGuardRefusesTheFirstChannel() {
    // given
    FakeChannel whatsapp = delivering("whatsapp");
    FakeChannel sms = delivering("sms");
    MessageChannel chain = ChannelChain.of(List.of(whatsapp, sms), clock);
    SendGuard refuseAll =
        name -> Optional.of(new SendGuard.Refusal("OTP_LIMIT_PER_NUMBER_15MIN", "refused"));

    // when
    DeliveryOutcome outcome =
        ChannelChain.deliver(chain, message(), START.plusSeconds(10), refuseAll);

    // then
    assertThat(whatsapp.deadlines).isEmpty();
    assertThat(sms.deadlines).isEmpty();
    assertThat(outcome)
        .isEqualTo(new Failed("whatsapp", FailureKind.REFUSED_BY_LIMIT, null, "refused", 0));
  }

  @Test
  void deliver_shouldGuardASingleChannel_whenItIsNotAChain() {
    // given
    FakeChannel whatsapp = delivering("whatsapp");
    MessageChannel single = ChannelChain.of(List.of(whatsapp));
    SendGuard refuseAll = name -> Optional.of(new SendGuard.Refusal("OTP_DENIED_COUNTRIES", "no"));

    // when
    DeliveryOutcome outcome =
        ChannelChain.deliver(single, message(), START.plusSeconds(10), refuseAll);

    // then
    assertThat(whatsapp.deadlines).isEmpty();
    assertThat(outcome).isInstanceOf(Failed.class);
    assertThat(((Failed) outcome).kind()).isEqualTo(FailureKind.REFUSED_BY_LIMIT);
  }
}
