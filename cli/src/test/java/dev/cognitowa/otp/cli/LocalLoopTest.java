package dev.cognitowa.otp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path a new user takes on one machine with no account, through the CLI's own code: demo, then
 * otp event (which makes a keyring), otp invoke --local (the real handler and channel over HTTP to
 * the loopback Cloud API stand-in, the file ledger), the same event again (a duplicate, nothing
 * sent), and otp status --local (a signed webhook through the real status handler).
 */
class LocalLoopTest {
  private static final String PHONE = "+447400123458";
  private static final String CODE = "481516";

  @Test
  void newUser_shouldGoFromDemoToStatus_whenNoAccountIsConfigured(@TempDir Path dir)
      throws IOException {
    // given: an empty environment, as a newcomer has
    // (the demo's made-up number is shown on purpose: not echoed to the guarded output)
    assertThat(CliRun.run(Map.of(), false, "demo").exitCode()).isZero();

    // when: otp event makes a keyring and prints it as export lines
    Path event = dir.resolve("signup.json");
    CliRun made =
        CliRun.run(
            Map.of(),
            "event",
            "--trigger-source",
            "SignUp",
            "--phone",
            PHONE,
            "--code",
            CODE,
            "--out",
            event.toString());
    Map<String, String> env = new HashMap<>(exports(made.err()));
    env.put("OTP_LOCAL_LEDGER", dir.resolve("ledger.json").toString());
    CliRun first = CliRun.run(env, "invoke", "--local", "--event", event.toString());
    CliRun again = CliRun.run(env, "invoke", "--local", "--event", event.toString());
    CliRun status = CliRun.run(env, "status", "--local");

    // then
    assertThat(made.exitCode()).isZero();
    assertThat(env)
        .containsKeys("OTP_LOCAL_AES_KEY", "OTP_LOCAL_KEY_NAMESPACE", "OTP_LOCAL_KEY_NAME");
    assertThat(Files.readString(event)).contains("CustomSMSSender_SignUp").doesNotContain(CODE);
    assertThat(made.out() + made.err()).doesNotContain(CODE);

    assertThat(first.exitCode()).isZero();
    Map<String, Object> sent = JSON.std.mapFrom(first.out());
    assertThat(sent).containsEntry("status", "sent").containsEntry("channel", "whatsapp");

    assertThat(again.exitCode()).isZero();
    assertThat(JSON.std.mapFrom(again.out()))
        .as("the file ledger remembers the first run")
        .containsEntry("duplicate", true);

    assertThat(status.exitCode()).isZero();
    Map<String, Object> handled = JSON.std.mapFrom(status.out());
    assertThat(handled).containsEntry("status", "handled").containsEntry("httpStatus", 200);
    assertThat((List<?>) handled.get("statuses")).hasSize(1);
    for (CliRun run : List.of(first, again, status)) {
      assertThat(run.out() + run.err()).doesNotContain(CODE).doesNotContain(PHONE);
    }
  }

  @Test
  void status_shouldSayWhatToRunFirst_whenNothingWasSentLocally(@TempDir Path dir) {
    // given
    Map<String, String> env =
        Map.of(
            "OTP_LOCAL_AES_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "OTP_LOCAL_KEY_NAMESPACE", "otp-local",
            "OTP_LOCAL_KEY_NAME", "cognito-code-key",
            "OTP_LOCAL_LEDGER", dir.resolve("empty.json").toString());

    // when
    CliRun run = CliRun.run(env, "status", "--local");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("run otp invoke --local first");
  }

  @Test
  void status_shouldNameTheMissingPayload_whenNotLocal() {
    // when
    CliRun run = CliRun.run(Map.of(), "status");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--payload is required (or --local");
  }

  /** The {@code export NAME=value} lines of otp event's stderr. */
  static Map<String, String> exports(String err) {
    Map<String, String> exports = new HashMap<>();
    for (String line : err.lines().toList()) {
      if (line.startsWith("export ")) {
        String assignment = line.substring("export ".length());
        int eq = assignment.indexOf('=');
        exports.put(assignment.substring(0, eq), assignment.substring(eq + 1));
      }
    }
    return exports;
  }
}
