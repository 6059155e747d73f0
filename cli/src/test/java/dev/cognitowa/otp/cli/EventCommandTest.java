package dev.cognitowa.otp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.cognitowa.otp.cli.local.LocalCodeEncryptor;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code otp event}: a Cognito-shaped event, the code encrypted as Cognito does, never printed. */
class EventCommandTest {
  private static final String CODE = "271828";
  private static final String PHONE = "+447400123457";

  @Test
  void event_shouldEncryptUnderTheConfiguredKeyring_whenOneIsSet() throws IOException {
    // given
    Map<String, String> keyring =
        LocalCodeEncryptor.withRandomKey("team-ns", "team-key").environment();
    Map<String, String> env = new HashMap<>(keyring);
    env.put("COGNITO_USER_POOL_ID", "us-east-2_AbC123");

    // when
    // (the event on stdout carries the user's number, as Cognito's does: not echoed)
    CliRun run =
        CliRun.run(
            env,
            false,
            "event",
            "--trigger-source",
            "CustomSMSSender_ForgotPassword",
            "--phone",
            PHONE,
            "--code",
            CODE,
            "--locale",
            "pt-BR",
            "--user",
            "maria");

    // then: no new key, and the event names the pool, its region and the user
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).doesNotContain("export");
    Map<String, Object> event = JSON.std.mapFrom(run.out());
    assertThat(event)
        .containsEntry("triggerSource", "CustomSMSSender_ForgotPassword")
        .containsEntry("userPoolId", "us-east-2_AbC123")
        .containsEntry("region", "us-east-2")
        .containsEntry("userName", "maria");
    assertThat(run.out()).doesNotContain(CODE).contains("\"locale\":\"pt-BR\"");
  }

  @Test
  void event_shouldMakeAKeyringAndPrintItsExports_whenNoneIsConfigured() {
    // when
    CliRun run =
        CliRun.run(
            Map.of(),
            false,
            "event",
            "--trigger-source",
            "SignUp",
            "--phone",
            PHONE,
            "--code",
            CODE);

    // then: exactly the three exports, on stderr, and the event on stdout
    assertThat(run.exitCode()).isZero();
    assertThat(run.err())
        .containsPattern("(?m)^export OTP_LOCAL_AES_KEY=[A-Za-z0-9+/=]{44}$")
        .contains("export OTP_LOCAL_KEY_NAMESPACE=otp-local")
        .contains("export OTP_LOCAL_KEY_NAME=cognito-code-key");
    assertThat(LocalLoopTest.exports(run.err())).hasSize(3);
    assertThat(run.out()).startsWith("{\"version\":\"1\"").doesNotContain("export");
    assertThat(run.out() + run.err()).doesNotContain(CODE);
  }

  @Test
  void event_shouldNameThePhoneOptionAndHintThePlus_whenTheCountryCodeIsMissing() {
    // when
    CliRun run =
        CliRun.run(
            Map.of(),
            "event",
            "--trigger-source",
            "SignUp",
            "--phone",
            "07400123457",
            "--code",
            CODE);

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--phone needs the country code after a '+'");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void event_shouldRefuseIt_whenTheSourceOrKeyringIsWrong() {
    // when
    CliRun source =
        CliRun.run(
            Map.of(), "event", "--trigger-source", "Signup2", "--phone", PHONE, "--code", CODE);
    CliRun key =
        CliRun.run(
            Map.of(
                "OTP_LOCAL_AES_KEY",
                "c2hvcnQ=",
                "OTP_LOCAL_KEY_NAMESPACE",
                "n",
                "OTP_LOCAL_KEY_NAME",
                "k"),
            "event",
            "--trigger-source",
            "SignUp",
            "--phone",
            PHONE,
            "--code",
            CODE);
    CliRun half =
        CliRun.run(
            Map.of("OTP_LOCAL_AES_KEY", "c2hvcnQ="),
            "event",
            "--trigger-source",
            "SignUp",
            "--phone",
            PHONE,
            "--code",
            CODE);

    // then
    assertThat(source.exitCode()).isEqualTo(2);
    assertThat(source.err()).contains("--trigger-source must be one of");
    assertThat(key.exitCode()).isEqualTo(2);
    assertThat(key.err()).contains("OTP_LOCAL_AES_KEY must decode to 16, 24 or 32 bytes");
    assertThat(half.err()).contains("set OTP_LOCAL_KEY_NAMESPACE and OTP_LOCAL_KEY_NAME too");
  }
}
