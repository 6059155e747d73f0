package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.sender.event.BoundedInput;
import dev.cognitowa.otp.sender.event.InvalidEventException;
import dev.cognitowa.otp.sender.status.DeliveryStatusHandler;
import dev.cognitowa.otp.sender.status.StatusEvents;
import dev.cognitowa.otp.sender.status.StatusProcessor;
import dev.cognitowa.otp.sender.status.StatusResponse;
import dev.cognitowa.otp.sender.status.StatusResult;
import dev.cognitowa.otp.sender.status.StatusSettings;
import dev.cognitowa.otp.sender.support.Json;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
      "Runs the delivery-status function for one webhook body or EUM event.",
      "The body is posted as the function URL would pass it, with the given signature; with --sns"
          + " it is one AWS End User Messaging Social event. With --local and no --payload it reports"
          + " the last message otp invoke --local sent as delivered, signed with the local app"
          + " secret. Prints one JSON line.",
      "Reads WHATSAPP_APP_SECRET_SECRET_ID or WHATSAPP_APP_SECRET, WHATSAPP_WEBHOOK_VERIFY_TOKEN,"
          + " OTP_LEDGER_TABLE, OTP_FALLBACK_WINDOW_SECONDS, the sender's variables (as invoke) and"
          + " the AWS SDK's AWS_REGION/AWS_PROFILE/AWS_ENDPOINT_URL*; with --local OTP_LOCAL_LEDGER.",
      "Exit status: 0 handled, 1 failed, 2 refused (bad signature or payload) or bad configuration."
    })
final class StatusCommand implements Callable<Integer> {
  static final int HANDLED = 0;
  static final int FAILED = 1;
  static final int REFUSED = 2;

  /** The header's form: Meta's prefix and a hex SHA-256 (any case, as HexFormat reads it). */
  private static final Pattern SIGNATURE = Pattern.compile("sha256=[0-9a-fA-F]{64}");

  @ParentCommand OtpCli parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--payload",
      paramLabel = "FILE",
      description =
          "The webhook body exactly as Meta sent it (or the EUM event); - reads stdin. Required"
              + " unless --local.")
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

  @Mixin LocalMode localMode;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    run.check();
    if (signature != null && !SIGNATURE.matcher(signature.strip()).matches()) {
      throw new InvalidEventException(
          "--signature is malformed: it must be sha256= and 64 hex digits, the X-Hub-Signature-256"
              + " header as Meta sent it");
    }
    if (payload == null && !localMode.local) {
      throw new InvalidEventException(
          "--payload is required (or --local to report on what otp invoke --local sent)");
    }
    if (payload != null && !"-".equals(payload)) {
      InputFile.check("--payload", Path.of(payload));
    }
    if (!localMode.local) {
      DeliveryStatusHandler handler =
          ConfigurationProblems.build(
              parent.env(), true, () -> new DeliveryStatusHandler(parent.env(), run.logLines(err)));
      return handle(handler, read(), signature);
    }
    try (LocalMode.Run local = LocalMode.start(parent.env())) {
      Map<String, String> env = new HashMap<>(local.env());
      String appSecret =
          env.getOrDefault("WHATSAPP_APP_SECRET", "local-app-secret-" + UUID.randomUUID());
      env.remove("WHATSAPP_APP_SECRET_SECRET_ID");
      env.put("WHATSAPP_APP_SECRET", appSecret);
      env.put(
          "OTP_LEDGER_TABLE", "local-file-ledger"); // StatusSettings asks for a ledger: the file
      StatusSettings settings = StatusSettings.fromEnvironment(env);
      SenderWiring wiring = SenderWiring.fromEnvironment(local.env());
      StatusProcessor processor =
          new StatusProcessor(
              local.ledger(),
              wiring.decryptor(),
              wiring.policy(),
              wiring.channel(),
              wiring.config().expectedUserPoolId(),
              Optional.of(wiring.limits()),
              Clock.systemUTC());
      DeliveryStatusHandler handler =
          new DeliveryStatusHandler(
              deadline -> settings.localSecrets(), processor, run.logLines(err), Clock.systemUTC());
      byte[] body = payload != null ? read() : delivered(local);
      return handle(handler, body, signature != null || sns ? signature : sign(appSecret, body));
    }
  }

  /** Meta's webhook body for "delivered" of the last message the local stand-in accepted. */
  private static byte[] delivered(LocalMode.Run local) {
    String messageId =
        local
            .ledger()
            .lastSent()
            .orElseThrow(
                () ->
                    new InvalidEventException(
                        "no message sent yet: run otp invoke --local first (or give --payload)"));
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("id", messageId);
    status.put("status", "delivered");
    status.put("timestamp", Long.toString(Instant.now().getEpochSecond()));
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("messaging_product", "whatsapp");
    value.put("metadata", Map.of("phone_number_id", local.env().get("WHATSAPP_PHONE_NUMBER_ID")));
    value.put("statuses", List.of(status));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("object", "whatsapp_business_account");
    body.put(
        "entry",
        List.of(
            Map.of("id", "0", "changes", List.of(Map.of("field", "messages", "value", value)))));
    return Json.write(body).getBytes(StandardCharsets.UTF_8);
  }

  /** X-Hub-Signature-256 as Meta computes it: HMAC-SHA256 of the raw body under the app secret. */
  static String sign(String appSecret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  private int handle(DeliveryStatusHandler handler, byte[] bytes, String signature) {
    PrintWriter err = spec.commandLine().getErr();
    byte[] event =
        sns
            ? StatusEvents.snsNotification(new String(bytes, StandardCharsets.UTF_8))
            : StatusEvents.webhookPost(bytes, signature == null ? null : signature.strip());
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
