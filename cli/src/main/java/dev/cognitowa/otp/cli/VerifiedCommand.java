package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.sender.conversion.VerificationUnavailableException;
import dev.cognitowa.otp.sender.conversion.Verified;
import dev.cognitowa.otp.sender.event.BoundedInput;
import dev.cognitowa.otp.sender.support.Json;
import dev.cognitowa.otp.sender.verification.VerificationHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code otp verified --event FILE}: runs the verification handler (Cognito's Post confirmation /
 * Post authentication triggers) for one event, as {@code invoke} runs the sender.
 */
@Command(
    name = "verified",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the verification handler (Post confirmation / Post authentication) for one event.",
      "Prints one JSON line. Exit status: 0 recorded or nothing to record, 1 failed,"
          + " 2 bad event or configuration."
    })
final class VerifiedCommand implements Callable<Integer> {
  /** A Cognito trigger event is a few KiB; the handler refuses anything near this. */
  private static final int MAX_EVENT_BYTES = 256 * 1024;

  @ParentCommand OtpCli parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--event",
      required = true,
      paramLabel = "FILE",
      description = "The Post confirmation or Post authentication event JSON; - reads stdin.")
  String event;

  @Mixin HandlerRunOptions run;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    VerificationHandler handler = new VerificationHandler(parent.env(), run.logLines(err));
    byte[] json = readEvent();
    Map<String, Object> line = new LinkedHashMap<>();
    try {
      Optional<Verified> verified =
          handler.verify(json, run.deadline(), "local-" + UUID.randomUUID());
      line.put("status", verified.isPresent() ? "verified" : "nothing_to_record");
      verified.ifPresent(
          v -> {
            line.put("channel", v.send().channel());
            line.put("country", v.send().country());
            line.put("family", v.family().id());
            line.put("timeToVerifyMs", v.timeToVerify().toMillis());
          });
    } catch (VerificationUnavailableException e) {
      line.put("status", "failed");
      line.put("reason", e.getMessage());
      spec.commandLine().getOut().println(Json.write(line));
      err.println("otp: " + e.getMessage());
      return Failures.DELIVERY_FAILED;
    }
    spec.commandLine().getOut().println(Json.write(line));
    return Failures.SENT;
  }

  private byte[] readEvent() throws IOException {
    try (InputStream in = "-".equals(event) ? System.in : Files.newInputStream(Path.of(event))) {
      return BoundedInput.readAll(in, MAX_EVENT_BYTES);
    }
  }
}
