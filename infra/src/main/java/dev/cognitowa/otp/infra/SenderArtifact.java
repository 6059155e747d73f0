package dev.cognitowa.otp.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import software.amazon.awscdk.services.lambda.Code;

/** Finds the sender module's shaded Lambda jar, the artifact the stack deploys. */
public final class SenderArtifact {

  /** The Lambda entry point inside the jar; a {@code RequestStreamHandler}. */
  public static final String HANDLER =
      "dev.cognitowa.otp.sender.CustomSmsSenderHandler::handleRequest";

  /**
   * The delivery-status entry point in the same jar: Meta's webhooks (function URL) and End User
   * Messaging Social's events (SNS).
   */
  public static final String STATUS_HANDLER =
      "dev.cognitowa.otp.sender.status.DeliveryStatusHandler::handleRequest";

  /**
   * The verification entry point in the same jar: Cognito's Post confirmation and Post
   * authentication triggers.
   */
  public static final String VERIFICATION_HANDLER =
      "dev.cognitowa.otp.sender.verification.VerificationHandler::handleRequest";

  /**
   * Where {@code ./mvnw -B -DskipTests package} leaves the jar, relative to the repository root.
   */
  public static final String JAR_IN_REPOSITORY = "sender/target/otp-sender-lambda.jar";

  private SenderArtifact() {}

  /**
   * Locates the jar from a working directory that is either the repository root or the {@code
   * infra} module (where {@code npx aws-cdk}, the Maven synth and the tests run).
   *
   * @throws DeploymentConfigurationException when the jar has not been built
   */
  public static Path locate(Path workingDirectory) {
    return BuiltJar.locate(JAR_IN_REPOSITORY, workingDirectory);
  }

  /** The jar as Lambda code, resolved from the JVM's working directory. */
  public static Code code() {
    return Code.fromAsset(locate(Path.of("")).toString());
  }

  /**
   * A released Lambda jar as code, for an app that depends on this construct without building the
   * sender: the {@code otp-sender-lambda-<version>.jar} attached to a GitHub release (or Maven's
   * {@code dev.cognitowa:sender:<version>:jar:lambda}), checked against the SHA-256 published with
   * it (the release's {@code checksums.sha256}) so a truncated or swapped download never deploys.
   *
   * <pre>{@code
   * .withCode(SenderArtifact.released(Path.of("otp-sender-lambda-0.1.0.jar"), "3f5a..."))
   * }</pre>
   *
   * @throws DeploymentConfigurationException when the file is missing or its digest differs
   */
  public static Code released(Path jar, String sha256) {
    return Code.fromAsset(verify(jar, sha256).toString());
  }

  /**
   * Where Maven puts the released Lambda jar ({@code dev.cognitowa:sender:<version>:jar:lambda}) in
   * a local repository such as {@code ~/.m2/repository}, e.g. after {@code mvn dependency:get
   * -Dartifact=dev.cognitowa:sender:0.1.0:jar:lambda}.
   */
  public static Path inMavenRepository(Path repository, String version) {
    return repository.resolve(
        Path.of("dev", "cognitowa", "sender", version, "sender-" + version + "-lambda.jar"));
  }

  /** The file itself when its SHA-256 is the expected one. */
  static Path verify(Path jar, String sha256) {
    if (!Files.isRegularFile(jar)) {
      throw new DeploymentConfigurationException(List.of("released Lambda jar not found: " + jar));
    }
    String expected = sha256 == null ? "" : sha256.strip().toLowerCase(Locale.ROOT);
    if (!expected.matches("[0-9a-f]{64}")) {
      throw new DeploymentConfigurationException(
          List.of("the released jar's SHA-256 must be 64 hex digits, from checksums.sha256"));
    }
    String actual;
    try (InputStream in = Files.newInputStream(jar)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      actual = HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    if (!MessageDigest.isEqual(
        actual.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))) {
      throw new DeploymentConfigurationException(
          List.of(
              jar.getFileName()
                  + " has SHA-256 "
                  + actual
                  + ", not the released "
                  + expected
                  + ": download it again from the release"));
    }
    return jar;
  }
}
