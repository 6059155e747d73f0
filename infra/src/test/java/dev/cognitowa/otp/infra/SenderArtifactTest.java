package dev.cognitowa.otp.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.secretsmanager.Secret;

/** The construct deploys a released Lambda jar, checked against its published digest. */
class SenderArtifactTest {

  @Test
  void released_shouldDeployTheDownloadedJar_whenItsDigestMatches(@TempDir Path dir)
      throws Exception {
    // given: a "downloaded" release jar and the digest published beside it
    Path jar = dir.resolve("otp-sender-lambda-0.1.0.jar");
    Files.write(jar, "a released jar".getBytes(StandardCharsets.UTF_8));
    String sha256 = sha256(jar);
    Stack stack = new Stack(new App(), "Released");

    // when
    new WhatsAppOtpSender(
        stack,
        "Sender",
        WhatsAppOtpSenderProps.builder()
            .withUserPool(UserPool.Builder.create(stack, "Pool").build())
            .withPhoneNumberId(SenderFixtures.PHONE_NUMBER_ID)
            .withAccessTokenSecret(
                Secret.fromSecretCompleteArn(stack, "Token", SenderFixtures.TOKEN_SECRET_ARN))
            .withCode(SenderArtifact.released(jar, sha256.toUpperCase(java.util.Locale.ROOT)))
            .build());

    // then: an asset (S3 bucket and key), not the local build's path
    Template.fromStack(stack)
        .hasResourceProperties(
            "AWS::Lambda::Function",
            Map.of(
                "Handler",
                SenderArtifact.HANDLER,
                "Code",
                Map.of("S3Bucket", Match.anyValue(), "S3Key", Match.stringLikeRegexp(".*\\.jar"))));
  }

  @Test
  void released_shouldRefuseTheJar_whenItsDigestDiffers(@TempDir Path dir) throws IOException {
    // given
    Path jar = dir.resolve("otp-sender-lambda-0.1.0.jar");
    Files.write(jar, "a truncated download".getBytes(StandardCharsets.UTF_8));

    // when / then
    assertThatThrownBy(() -> SenderArtifact.released(jar, "0".repeat(64)))
        .isInstanceOf(DeploymentConfigurationException.class)
        .hasMessageContaining("not the released " + "0".repeat(64))
        .hasMessageContaining("download it again");
    assertThatThrownBy(() -> SenderArtifact.released(jar, "abc"))
        .hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> SenderArtifact.released(dir.resolve("missing.jar"), "0".repeat(64)))
        .hasMessageContaining("released Lambda jar not found");
  }

  @Test
  void inMavenRepository_shouldNameTheLambdaClassifier_whenAVersionIsGiven() {
    // when
    Path jar = SenderArtifact.inMavenRepository(Path.of("/m2"), "0.1.0");

    // then
    assertThat(jar.toString().replace('\\', '/'))
        .isEqualTo("/m2/dev/cognitowa/sender/0.1.0/sender-0.1.0-lambda.jar");
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
