package dev.cognitowa.otp.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    Path base = workingDirectory.toAbsolutePath().normalize();
    List<Path> candidates =
        List.of(base.resolve(JAR_IN_REPOSITORY), base.resolveSibling(JAR_IN_REPOSITORY));
    return candidates.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .orElseThrow(
            () ->
                new DeploymentConfigurationException(
                    List.of(
                        JAR_IN_REPOSITORY
                            + " not found from "
                            + base
                            + "; build it first with ./mvnw -B -DskipTests package")));
  }

  /** The jar as Lambda code, resolved from the JVM's working directory. */
  public static Code code() {
    return Code.fromAsset(locate(Path.of("")).toString());
  }
}
