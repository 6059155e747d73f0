package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.sender.event.BoundedInput;
import dev.cognitowa.otp.sender.status.DeliveryStatusHandler;
import dev.cognitowa.otp.sender.status.StatusEvents;
import dev.cognitowa.otp.sender.status.StatusResponse;
import dev.cognitowa.otp.sender.status.StatusResult;
import dev.cognitowa.otp.sender.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code otp status --payload FILE [--signature sha256=HEX] [--sns]}: runs what the delivery-status
 * function runs for one Meta webhook body, or one End User Messaging Social event.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Runs what the delivery-status function runs for one Meta webhook body (posted as the",
      "function URL would pass it, with the given signature), or with --sns for one AWS End User",
      "Messaging Social event. Prints one JSON line.",
      "Exit status: 0 handled, 1 failed, 2 refused (bad signature or payload) or bad configuration."
    })
final class StatusCommand implements Callable<Integer> {
  static final int HANDLED = 0;
  static final int FAILED = 1;
  static final int REFUSED = 2;

  @ParentCommand OtpCli parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--payload",
      required = true,
      paramLabel = "FILE",
      description = "The webhook body exactly as Meta sent it (or the EUM event); - reads stdin.")
  String payload;

  @Option(
      names = "--signature",
      paramLabel = "sha256=HEX",
      description = "The X-Hub-Signature-256 header; without it the POST carries none.")
  String signature;

  @Option(
      names = "--sns",
      description = "The payload is an End User Messaging Social event, delivered through SNS.")
  boolean sns;

  @Mixin HandlerRunOptions run;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    DeliveryStatusHandler handler = new DeliveryStatusHandler(parent.env(), run.logLines(err));
    byte[] bytes = read();
    byte[] event =
        sns
            ? StatusEvents.snsNotification(new String(bytes, StandardCharsets.UTF_8))
            : StatusEvents.webhookPost(bytes, signature);
    Instant deadline = run.deadline();
    StatusResponse response =
        handler.handle(event, deadline, "local-" + UUID.randomUUID()).response();
    int exit = response.refused() ? REFUSED : response.failed() ? FAILED : HANDLED;
    spec.commandLine().getOut().println(resultLine(response, exit));
    if (exit != HANDLED && response.reason() != null) {
      err.println("otp: " + response.reason());
    }
    return exit;
  }

  /** Status, the HTTP answer the function gave, and each status's result (references, no ids). */
  static String resultLine(StatusResponse response, int exit) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("status", exit == HANDLED ? "handled" : exit == FAILED ? "failed" : "refused");
    line.put("httpStatus", response.statusCode());
    List<Map<String, Object>> statuses = new ArrayList<>();
    for (StatusResult result : response.results()) {
      statuses.add(DeliveryStatusHandler.describe(result));
    }
    line.put("statuses", statuses);
    if (response.reason() != null) {
      line.put("reason", response.reason());
    }
    return Json.write(line);
  }

  private byte[] read() throws IOException {
    try (InputStream in =
        "-".equals(payload) ? System.in : Files.newInputStream(Path.of(payload))) {
      return BoundedInput.readAll(in, DeliveryStatusHandler.MAX_EVENT_BYTES);
    }
  }
}
