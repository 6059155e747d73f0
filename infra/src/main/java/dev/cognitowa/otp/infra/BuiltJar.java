package dev.cognitowa.otp.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a jar the Maven build left in the repository, from the root or the {@code infra} module.
 */
final class BuiltJar {
  private BuiltJar() {}

  /**
   * The jar at {@code jarInRepository} (relative to the repository root), from a working directory
   * that is the repository root or the {@code infra} module (where {@code npx aws-cdk}, the Maven
   * synth and the tests run).
   *
   * @throws DeploymentConfigurationException when the jar has not been built
   */
  static Path locate(String jarInRepository, Path workingDirectory) {
    Path base = workingDirectory.toAbsolutePath().normalize();
    for (Path candidate :
        List.of(base.resolve(jarInRepository), base.resolveSibling(jarInRepository))) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new DeploymentConfigurationException(
        List.of(
            jarInRepository
                + " not found from "
                + base
                + "; build it first with ./mvnw -B -DskipTests package"));
  }
}
