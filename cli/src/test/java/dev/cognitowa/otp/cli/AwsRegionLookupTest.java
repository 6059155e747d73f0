package dev.cognitowa.otp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The region found as the AWS SDK finds it: the variables, then the profile's config. */
class AwsRegionLookupTest {

  @Test
  void withRegion_shouldReadTheNamedProfile_whenAwsProfileAndConfigFileAreSet(@TempDir Path dir)
      throws IOException {
    // given
    Path config = dir.resolve("config");
    Files.writeString(
        config, "[default]\nregion = us-east-1\n\n[profile dev]\nregion = ap-south-1\n");

    // when
    Map<String, String> env =
        AwsRegionLookup.withRegion(
            Map.of("AWS_PROFILE", "dev", "AWS_CONFIG_FILE", config.toString()));
    Map<String, String> byDefault =
        AwsRegionLookup.withRegion(Map.of("AWS_CONFIG_FILE", config.toString()));

    // then
    assertThat(env).containsEntry("AWS_REGION", "ap-south-1");
    assertThat(byDefault).containsEntry("AWS_REGION", "us-east-1");
  }

  @Test
  void withRegion_shouldKeepTheVariable_whenAwsRegionIsSet(@TempDir Path dir) throws IOException {
    // given
    Path config = dir.resolve("config");
    Files.writeString(config, "[profile dev]\nregion = ap-south-1\n");

    // when
    Map<String, String> env =
        AwsRegionLookup.withRegion(
            Map.of(
                "AWS_REGION",
                "eu-west-1",
                "AWS_PROFILE",
                "dev",
                "AWS_CONFIG_FILE",
                config.toString()));

    // then
    assertThat(env).containsEntry("AWS_REGION", "eu-west-1");
  }

  @Test
  void withRegion_shouldLeaveItUnset_whenTheProfileHasNoRegion(@TempDir Path dir)
      throws IOException {
    // given
    Path config = dir.resolve("config");
    Files.writeString(config, "[profile dev]\noutput = json\n");

    // when
    Map<String, String> env =
        AwsRegionLookup.withRegion(
            Map.of("AWS_PROFILE", "dev", "AWS_CONFIG_FILE", config.toString()));
    Map<String, String> missing =
        AwsRegionLookup.withRegion(
            Map.of("AWS_PROFILE", "nope", "AWS_CONFIG_FILE", config.toString()));

    // then
    assertThat(env).doesNotContainKey("AWS_REGION");
    assertThat(missing).doesNotContainKey("AWS_REGION");
  }

  @Test
  void status_shouldGetPastTheRegion_whenOnlyTheProfileHasIt(@TempDir Path dir) throws IOException {
    // given: the status function's settings, the region only in the profile
    Path config = dir.resolve("config");
    Files.writeString(config, "[profile dev]\nregion = ap-south-1\n");
    Path payload = dir.resolve("webhook.json");
    Files.writeString(payload, "{\"object\":\"whatsapp_business_account\",\"entry\":[]}");
    Map<String, String> env =
        Map.of(
            "AWS_PROFILE", "dev",
            "AWS_CONFIG_FILE", config.toString(),
            "OTP_LEDGER_TABLE", "otp-ledger",
            "WHATSAPP_APP_SECRET", "local-app-secret",
            "WHATSAPP_PHONE_NUMBER_ID", "100000000000001",
            "WHATSAPP_ACCESS_TOKEN", "local-token",
            "OTP_LOCAL_AES_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "OTP_LOCAL_KEY_NAMESPACE", "n",
            "OTP_LOCAL_KEY_NAME", "k");

    // when: no signature, so the handler refuses the POST: it was built, region and all
    CliRun run = CliRun.run(env, "status", "--payload", payload.toString());

    // then
    assertThat(run.err()).doesNotContain("AWS_REGION").contains("x-hub-signature-256");
    assertThat(run.exitCode()).isEqualTo(2);
  }
}
