package dev.cognitowa.otp.infra;

import java.nio.file.Path;
import software.amazon.awscdk.services.lambda.Code;

/**
 * Finds the attach module's shaded Lambda jar, the code of the {@code -c attach=true} custom
 * resource, the way {@link SenderArtifact} finds the sender's.
 */
public final class AttachArtifact {

  /** The custom resource's entry point inside the jar; a {@code RequestStreamHandler}. */
  public static final String HANDLER =
      "dev.cognitowa.otp.attach.AttachResourceHandler::handleRequest";

  /**
   * Where {@code ./mvnw -B -DskipTests package} leaves the jar, relative to the repository root.
   */
  public static final String JAR_IN_REPOSITORY = "attach/target/otp-attach-lambda.jar";

  private AttachArtifact() {}

  /**
   * Locates the jar from the repository root or the {@code infra} module.
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
}
