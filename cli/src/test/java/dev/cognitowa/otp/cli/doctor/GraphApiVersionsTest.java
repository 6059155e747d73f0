package dev.cognitowa.otp.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The doctor's Graph version check against Meta's dated table. */
class GraphApiVersionsTest {

  @Test
  void check_shouldWarn_whenTheVersionEndsWithinNinetyDays() {
    // when: v23.0 ends on 2027-10-08
    CheckResult result = GraphApiVersions.check("v23.0", LocalDate.of(2027, 8, 1));

    // then
    assertThat(result.status()).isEqualTo(CheckResult.Status.WARN);
    assertThat(result.failed()).isFalse();
    assertThat(result.detail())
        .contains("retired by Meta on 2027-10-08 (in 68 days)")
        .contains(GraphApiVersions.SOURCE);
  }

  @Test
  void check_shouldPass_whenTheEndIsFurtherAwayOrNotPublished() {
    // then
    assertThat(GraphApiVersions.check("v23.0", LocalDate.of(2027, 7, 9)).status())
        .isEqualTo(CheckResult.Status.PASS);
    assertThat(GraphApiVersions.check("v26.0", LocalDate.of(2026, 12, 8)).detail())
        .contains("no end date published");
  }

  @Test
  void check_shouldFail_whenTheEndDateHasPassed() {
    // when
    CheckResult result = GraphApiVersions.check("v19.0", LocalDate.of(2026, 12, 8));

    // then
    assertThat(result.failed()).isTrue();
    assertThat(result.format()).startsWith("FAIL  api-version").contains("2026-05-21");
  }
}
