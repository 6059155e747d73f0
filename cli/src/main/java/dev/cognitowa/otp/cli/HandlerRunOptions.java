package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.sender.event.InvalidEventException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The options of the commands that run a Lambda handler as the runtime would ({@code invoke},
 * {@code status}): the timeout it acts under and whether its log lines are shown.
 */
final class HandlerRunOptions {
  /** What both handlers keep back from the Lambda deadline for their log line and answer. */
  private static final Duration DEADLINE_MARGIN = Duration.ofMillis(500);

  @Option(
      names = "--timeout-seconds",
      defaultValue = "10",
      paramLabel = "N",
      description = "The Lambda timeout to act under (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = {"-v", "--verbose"},
      description = "Also print the function's JSON log lines on stderr.")
  boolean verbose;

  /** Lambda's own bounds on a function timeout, in seconds. */
  static final int MAX_TIMEOUT_SECONDS = 900;

  /**
   * @throws InvalidEventException naming {@code --timeout-seconds} when it is not 1 to 900
   */
  void check() {
    checkTimeout(timeoutSeconds);
  }

  static void checkTimeout(int seconds) {
    if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
      throw new InvalidEventException(
          "--timeout-seconds must be 1 to "
              + MAX_TIMEOUT_SECONDS
              + " (as a Lambda timeout), was "
              + seconds);
    }
  }

  /** The handler's deadline for a function with {@code --timeout-seconds} that starts now. */
  Instant deadline() {
    return Instant.now().plus(Duration.ofSeconds(timeoutSeconds)).minus(DEADLINE_MARGIN);
  }

  /** Where the handler's log lines go: {@code err} with {@code --verbose}, nowhere otherwise. */
  Consumer<String> logLines(PrintWriter err) {
    return line -> {
      if (verbose) {
        err.println(line);
      }
    };
  }
}
