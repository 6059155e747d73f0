package dev.cognitowa.otp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.cognitowa.otp.sender.testutils.Dynalite;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code otp bench burst}: many containers, Meta's limits on a loopback stand-in, Lambda's retries
 * and repeated deliveries, and an account per event of what reached the phone.
 */
class BurstCommandTest {
  @RegisterExtension static Dynalite dynalite = new Dynalite();

  @Test
  void
      burst_shouldPutEveryCodeOnItsPhoneExactlyOnce_whenTheLedgerGuardsAgainstRedeliveryUnderBothLimits()
          throws Exception {
    // given: the ledger on dynalite; Meta's 80/s scaled down to 10/s so six containers outrun it
    // (130429), resends
    // to recent recipients inside the real 6 s pair interval (131056), and a sixth of the events
    // delivered twice
    Map<String, String> env = new HashMap<>(dynalite.environment());

    // when
    CliRun run =
        CliRun.run(
            env,
            "bench",
            "burst",
            "--events",
            "60",
            "--containers",
            "6",
            "--seed",
            "7",
            "--rate",
            "10",
            "--pair-interval",
            "6s",
            "--arrival-rate",
            "0",
            "--repeat-rate",
            "0.1",
            "--duplicate-rate",
            "0.15",
            "--duplicate-within",
            "1s",
            "--retry-delay",
            "1s",
            "--lambda-retries",
            "2");

    // then
    Map<String, Object> report = report(run);
    assertThat(report)
        .containsEntry("ledger", "table " + Dynalite.TABLE)
        .containsEntry("lost", 0)
        .containsEntry("duplicated", 0)
        .containsEntry("deliveredOnce", 60)
        .containsEntry("graphAccepted", 60);
    assertThat((Integer) report.get("errors130429"))
        .as("the throughput limit refused some")
        .isPositive();
    assertThat((Integer) report.get("errors131056")).as("the pair limit refused some").isPositive();
    assertThat((Integer) report.get("repeatedDeliveries"))
        .as("Lambda delivered some events twice")
        .isPositive();
    assertThat(report.get("inDlqDelivered")).isEqualTo(report.get("inDlq"));
    assertThat(run.out())
        .contains("goal met: every code delivered exactly once (0 duplicated, 0 lost)");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err())
        .as("progress on stderr")
        .containsPattern("burst: drained after [0-9.]+ s");
  }

  @Test
  void burst_shouldCountEveryRepeatedDeliveryAsDuplicated_whenNoLedgerGuardsTheHandler()
      throws Exception {
    // given: no limits to wait for, a third of the events delivered twice, and no ledger
    Map<String, String> env = new HashMap<>();

    // when
    CliRun run =
        CliRun.run(
            env,
            "bench",
            "burst",
            "--events",
            "40",
            "--containers",
            "4",
            "--seed",
            "5",
            "--duplicate-rate",
            "0.3",
            "--duplicate-within",
            "0s",
            "--repeat-rate",
            "0",
            "--rate",
            "10000",
            "--pair-interval",
            "0s",
            "--arrival-rate",
            "0");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    Map<String, Object> report = report(run);
    assertThat(report)
        .containsEntry("ledger", "off")
        .containsEntry("lost", 0)
        .containsEntry("inDlq", 0);
    assertThat((Integer) report.get("repeatedDeliveries")).isPositive();
    assertThat(report.get("duplicated")).isEqualTo(report.get("repeatedDeliveries"));
    assertThat(report.get("deliveredOnce")).isEqualTo(40 - (Integer) report.get("duplicated"));
    assertThat(report.get("graphAccepted")).isEqualTo(40 + (Integer) report.get("duplicated"));
    assertThat(run.out())
        .contains("command: otp bench burst --events 40 --containers 4 --seed 5")
        .contains("goal NOT met: " + report.get("duplicated") + " duplicated, 0 lost");
  }

  @Test
  void burst_shouldExitTwoListingEveryProblem_whenSettingsAreOutOfRange() {
    // when
    CliRun run = CliRun.run(Map.of(), "bench", "burst", "--events", "0", "--lambda-retries", "3");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "--events must be 1..100000, was 0",
            "--lambda-retries must be 0..2 (Lambda's own range), was 3");
  }

  @Test
  void bench_shouldStillRequireAnEvent_whenRunWithoutTheBurstSubcommand() {
    // when
    CliRun run = CliRun.run(Map.of(), "bench", "--count", "1");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--event=FILE'");
  }

  /** The report block: the JSON object between the command line and the verdict. */
  static Map<String, Object> report(CliRun run) throws Exception {
    String out = run.out();
    return JSON.std.mapFrom(out.substring(out.indexOf('{'), out.lastIndexOf('}') + 1));
  }
}
