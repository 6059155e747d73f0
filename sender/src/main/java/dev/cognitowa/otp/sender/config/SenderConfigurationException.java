package dev.cognitowa.otp.sender.config;

import java.util.List;

/**
 * Thrown at start-up when the environment is incomplete or wrong; the message lists every problem
 * at once.
 */
public class SenderConfigurationException extends RuntimeException {
  private final List<String> problems;

  public SenderConfigurationException(List<String> problems) {
    super("invalid configuration: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
