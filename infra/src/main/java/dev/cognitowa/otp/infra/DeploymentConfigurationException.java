package dev.cognitowa.otp.infra;

import java.util.List;

/**
 * Thrown when the CDK context or construct props cannot describe a deployable stack; lists every
 * problem at once.
 */
public final class DeploymentConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public DeploymentConfigurationException(List<String> problems) {
    super("Invalid deployment configuration: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem as one sentence, in the order found. */
  public List<String> problems() {
    return problems;
  }
}
