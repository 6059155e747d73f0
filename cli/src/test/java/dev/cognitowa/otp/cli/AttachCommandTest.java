package dev.cognitowa.otp.cli;

import static dev.cognitowa.otp.attach.Fixtures.FUNCTION;
import static dev.cognitowa.otp.attach.Fixtures.KEY;
import static dev.cognitowa.otp.attach.Fixtures.OTHER_FUNCTION;
import static dev.cognitowa.otp.attach.Fixtures.POOL_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.attach.CognitoStandIn;
import dev.cognitowa.otp.attach.Fixtures;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code otp attach} and {@code otp detach} against the loopback Cognito stand-in. */
class AttachCommandTest {
  private CognitoStandIn aws;
  private Map<String, String> env;

  @BeforeEach
  void start() throws IOException {
    aws = new CognitoStandIn();
    aws.addKey(KEY, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled");
    env = aws.env();
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void attach_shouldPrintTheDiffAndRequest_andChangeNothing_whenDryRun() throws IOException {
    // given
    aws.addPool(Fixtures.everySetting());
    String before = aws.described(POOL_ID);

    // when
    CliRun run =
        CliRun.run(
            env, "attach", "--pool", POOL_ID, "--function", FUNCTION, "--key", KEY, "--dry-run");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("pool " + POOL_ID + ": UpdateUserPool would change only these settings")
        .contains("+ LambdaConfig.CustomSMSSender.LambdaArn: " + FUNCTION)
        .contains("+ LambdaConfig.CustomSMSSender.LambdaVersion: V1_0")
        .contains("+ LambdaConfig.KMSKeyID: " + KEY)
        .contains("\"EmailConfiguration\": {")
        .contains("dry run: nothing changed");
    assertThat(aws.updateBodies()).isEmpty();
    assertThat(aws.described(POOL_ID)).isEqualTo(before);
  }

  @Test
  void attach_shouldUpdateThePool_whenConfirmedWithYes() throws IOException {
    // given
    aws.addPool(Fixtures.everySetting());

    // when
    CliRun run =
        CliRun.run(env, "attach", "--pool", POOL_ID, "--function", FUNCTION, "--key", KEY, "--yes");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).endsWith("pool " + POOL_ID + ": updated\n");
    assertThat(aws.described(POOL_ID)).contains(FUNCTION);
  }

  @Test
  void attach_shouldNotApply_withoutYesWhenNotAtATerminal() throws IOException {
    // given
    aws.addPool(Fixtures.everySetting());

    // when
    CliRun run = CliRun.run(env, "attach", "--pool", POOL_ID, "--function", FUNCTION, "--key", KEY);

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("otp: not applied");
    assertThat(aws.updateBodies()).isEmpty();
  }

  @Test
  void attach_shouldRefuseWithOneLine_whenAnotherSenderIsSet() throws IOException {
    // given
    aws.addPool(
        Fixtures.everySettingWithLambdaConfig(
            "\"CustomSMSSender\": {\"LambdaVersion\": \"V1_0\", \"LambdaArn\": \""
                + OTHER_FUNCTION
                + "\"}, \"KMSKeyID\": \""
                + KEY
                + "\""));

    // when
    CliRun run =
        CliRun.run(env, "attach", "--pool", POOL_ID, "--function", FUNCTION, "--key", KEY, "--yes");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            "otp: pool "
                + POOL_ID
                + " already has custom SMS sender "
                + OTHER_FUNCTION
                + "; pass --replace to replace it");
  }

  @Test
  void attach_shouldExitOne_whenAwsFails() throws IOException {
    // given a key KMS does not know
    aws.addPool(Fixtures.everySetting());
    String unknown = "arn:aws:kms:eu-west-1:111122223333:key/unknown";

    // when
    CliRun run =
        CliRun.run(
            env, "attach", "--pool", POOL_ID, "--function", FUNCTION, "--key", unknown, "--yes");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("otp: AWS refused or failed: NotFoundException");
  }

  @Test
  void attach_shouldRefuse_whenThePoolIdIsNotOne() {
    // when
    CliRun run = CliRun.run(env, "attach", "--pool", "nope", "--function", FUNCTION, "--key", KEY);

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("otp: --pool must be a user pool id");
  }

  @Test
  void detach_shouldRestoreThePool_afterAttach() throws IOException {
    // given
    aws.addPool(Fixtures.everySetting());
    String original = aws.described(POOL_ID);
    CliRun.run(env, "attach", "--pool", POOL_ID, "--function", FUNCTION, "--key", KEY, "--yes");

    // when
    CliRun run = CliRun.run(env, "detach", "--pool", POOL_ID, "--yes");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("- LambdaConfig.KMSKeyID: " + KEY);
    assertThat(aws.described(POOL_ID)).isEqualTo(original);
  }

  @Test
  void detach_shouldSayNothingToChange_whenNothingIsAttached() throws IOException {
    // given
    aws.addPool(Fixtures.everySetting());

    // when
    CliRun run = CliRun.run(env, "detach", "--pool", POOL_ID, "--dry-run");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("note: the pool has no custom SMS sender; nothing to detach")
        .contains("pool " + POOL_ID + ": nothing to change");
  }

  @Test
  void help_shouldNameTheCredentialsAndExitStatus() {
    // when
    CliRun run = CliRun.run(env, "attach", "--help");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("default credentials")
        .contains("kms:CreateGrant")
        .contains("AWS_ENDPOINT_URL")
        .contains("Exit status: 0 attached");
  }
}
