package dev.cognitowa.otp.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    Path base = workingDirectory.toAbsolutePath().normalize();
    return List.of(base.resolve(JAR_IN_REPOSITORY), base.resolveSibling(JAR_IN_REPOSITORY)).stream()
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
