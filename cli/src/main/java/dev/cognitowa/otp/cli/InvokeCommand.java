package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.sender.CustomSmsSenderHandler;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.event.BoundedInput;
import dev.cognitowa.otp.sender.event.CustomSmsSenderEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code otp invoke --event FILE}: runs exactly what the Lambda runs for one event. */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = {
      "Runs exactly what the Lambda runs for one Cognito event, configured from the environment.",
      "Prints one JSON line. Exit status: 0 sent, 1 delivery failed, 2 bad event or configuration."
    })
final class InvokeCommand implements Callable<Integer> {
  @ParentCommand OtpCli parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--event",
      required = true,
      paramLabel = "FILE",
      description = "The event JSON; - reads stdin.")
  String event;

  @Mixin HandlerRunOptions run;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    CustomSmsSenderHandler handler = new CustomSmsSenderHandler(parent.env(), run.logLines(err));
    byte[] json = readEvent();
    Instant deadline = run.deadline();
    DeliveryOutcome.Delivered delivered =
        handler.deliver(json, deadline, "local-" + UUID.randomUUID());
    spec.commandLine().getOut().println(ResultLine.sent(delivered));
    return Failures.SENT;
  }

  private byte[] readEvent() throws IOException {
    try (InputStream in = "-".equals(event) ? System.in : Files.newInputStream(Path.of(event))) {
      return BoundedInput.readAll(in, CustomSmsSenderEventParser.MAX_EVENT_BYTES);
    }
  }
}
