package dev.cognitowa.otp.cli.burst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.cli.burst.BurstPlan.PlannedEvent;
import dev.cognitowa.otp.cli.local.LocalCodeEncryptor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The seeded input of a burst: the same seed gives the same events; resends and repeated deliveries
 * as asked.
 */
class BurstPlanTest {
  private static final String POOL = "eu-west-1_BURST0000";
  private static final LocalCodeEncryptor ENCRYPTOR =
      LocalCodeEncryptor.withRandomKey("otp-burst", "test");

  @Test
  void generate_shouldDrawTheSameEvents_whenTheSeedIsTheSame() {
    // when
    BurstPlan first = BurstPlan.generate(80, 11, 0.1, 0.1, Duration.ofSeconds(2), ENCRYPTOR, POOL);
    BurstPlan second = BurstPlan.generate(80, 11, 0.1, 0.1, Duration.ofSeconds(2), ENCRYPTOR, POOL);
    BurstPlan other = BurstPlan.generate(80, 12, 0.1, 0.1, Duration.ofSeconds(2), ENCRYPTOR, POOL);

    // then
    assertThat(drawn(first)).isEqualTo(drawn(second)).isNotEqualTo(drawn(other));
    assertThat(first.repeats()).isEqualTo(second.repeats());
    assertThat(first.duplicates()).isEqualTo(second.duplicates());
  }

  @Test
  void generate_shouldResendToRecentRecipientsWithFreshCodes_whenARepeatRateIsSet() {
    // when
    BurstPlan plan = BurstPlan.generate(200, 3, 0.2, 0.05, Duration.ofSeconds(2), ENCRYPTOR, POOL);

    // then
    List<PlannedEvent> events = plan.events();
    Set<String> recipients =
        events.stream().map(PlannedEvent::recipient).collect(Collectors.toSet());
    assertThat(plan.repeats()).isBetween(20, 60);
    assertThat(recipients).hasSize(200 - plan.repeats());
    assertThat(events.stream().map(PlannedEvent::code).distinct()).hasSize(200);
    long resends =
        events.stream()
            .filter(
                e ->
                    new String(e.json(), StandardCharsets.UTF_8)
                        .contains("CustomSMSSender_ResendCode"))
            .count();
    assertThat(resends).isEqualTo(plan.repeats());
    Set<String> seen = new HashSet<>();
    for (PlannedEvent event : events) {
      if (!seen.add(event.recipient())) {
        int previous = lastIndexBefore(events, event);
        assertThat(event.index() - previous).isLessThanOrEqualTo(BurstPlan.RESEND_WINDOW);
      }
    }
    assertThat(events.stream().filter(e -> e.duplicateAfter() != null)).hasSize(plan.duplicates());
  }

  @Test
  void toString_shouldNameTheEventByIndexOnly_always() {
    // given
    PlannedEvent event =
        BurstPlan.generate(1, 1, 0, 0, Duration.ZERO, ENCRYPTOR, POOL).events().get(0);

    // then
    assertThat(event.toString())
        .isEqualTo("event #0")
        .doesNotContain(event.code(), event.recipient());
  }

  private static int lastIndexBefore(List<PlannedEvent> events, PlannedEvent event) {
    for (int i = event.index() - 1; i >= 0; i--) {
      if (events.get(i).recipient().equals(event.recipient())) {
        return i;
      }
    }
    throw new AssertionError("no earlier event to this recipient");
  }

  private static List<String> drawn(BurstPlan plan) {
    return plan.events().stream()
        .map(e -> e.requestId() + e.recipient() + e.code() + e.duplicateAfter())
        .toList();
  }
}
