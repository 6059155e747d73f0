package dev.cognitowa.otp.sender.status;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.event.BoundedInput;
import dev.cognitowa.otp.sender.observability.DeliveryLogLine;
import dev.cognitowa.otp.sender.support.JdkHttpSettings;
import dev.cognitowa.otp.sender.wiring.AwsClients;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The delivery-status function: {@code dev.cognitowa.otp.sender.status.DeliveryStatusHandler::
 * handleRequest}, in the sender's jar. One function takes both ways statuses arrive: Meta's webhook
 * through a Lambda function URL (answered with a function-URL response) and AWS End User Messaging
 * Social events through SNS. Anything else is refused. It writes one JSON log line per invocation.
 */
public final class DeliveryStatusHandler implements RequestStreamHandler {
  /** Kept back from the Lambda deadline so the answer and the log line still go out. */
  static final Duration DEADLINE_MARGIN = Duration.ofMillis(500);

  /**
   * A function URL request with a body at {@link WebhookEndpoint#MAX_BODY_BYTES}, base64-encoded,
   * is some 350 KiB; an SNS message is at most 256 KiB. 1 MiB holds either with its envelope.
   */
  public static final int MAX_EVENT_BYTES = 1024 * 1024;

  /** The answer to an SNS event from another topic, account or WABA: refused, never retried. */
  private static final int FORBIDDEN = 403;

  static {
    JdkHttpSettings.apply(); // before any connection of the JVM, as in the sender
  }

  private final WebhookEndpoint webhook;
  private final StatusProcessor processor;
  private final SnsSource snsSource;
  private final Consumer<String> log;
  private final Clock clock;

  /** Used by the Lambda runtime: reads the environment and builds the real clients once. */
  public DeliveryStatusHandler() {
    this(System.getenv(), System.out::println);
  }

  /** Builds the real clients from an environment map; {@code log} receives the JSON lines. */
  public DeliveryStatusHandler(Map<String, String> env, Consumer<String> log) {
    this(wire(env), log);
  }

  private DeliveryStatusHandler(Parts parts, Consumer<String> log) {
    this(parts.secrets(), parts.processor(), parts.snsSource(), log, Clock.systemUTC());
  }

  /** For tests and local runs: every collaborator injected, SNS events from any topic taken. */
  public DeliveryStatusHandler(
      WebhookSecretSource secrets, StatusProcessor processor, Consumer<String> log, Clock clock) {
    this(secrets, processor, SnsSource.ANY, log, clock);
  }

  /**
   * Full constructor: every collaborator injected, SNS events taken only from {@code snsSource}.
   */
  public DeliveryStatusHandler(
      WebhookSecretSource secrets,
      StatusProcessor processor,
      SnsSource snsSource,
      Consumer<String> log,
      Clock clock) {
    this.processor = processor;
    this.snsSource = snsSource;
    this.log = log;
    this.clock = clock;
    this.webhook =
        new WebhookEndpoint(
            secrets,
            processor,
            problem ->
                log.accept(
                    new DeliveryLogLine("ERROR")
                        .with("message", "otp delivery status")
                        .with("outcome", "configuration")
                        .with("reason", problem)
                        .toJson()));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    Instant deadline =
        clock.instant().plusMillis(context.getRemainingTimeInMillis()).minus(DEADLINE_MARGIN);
    byte[] event;
    try {
      event = BoundedInput.readAll(input, MAX_EVENT_BYTES);
    } catch (RuntimeException | IOException e) { // oversized or unreadable: refused below
      event = null;
    }
    Handled handled = handle(event, deadline, context.getAwsRequestId());
    if (handled.source() == Source.SNS) {
      if (handled.response().statusCode() >= 500) {
        // SNS invokes asynchronously: failing lets Lambda deliver the event again
        throw new IllegalStateException("delivery status: " + handled.response().reason());
      }
      output.write(
          ("{\"handled\":" + handled.response().results().size() + "}")
              .getBytes(StandardCharsets.UTF_8));
    } else {
      output.write(handled.response().toFunctionUrlJson().getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Handles one event: what the Lambda and {@code otp status} run. Never throws for a bad request,
   * a bad signature or a failed fallback: they are answers.
   *
   * @param event the raw event, or null when it was too large or unreadable
   */
  public Handled handle(byte[] event, Instant deadline, String requestId) {
    long started = System.nanoTime();
    DeliveryLogLine line =
        new DeliveryLogLine("INFO")
            .with("message", "otp delivery status")
            .with("requestId", requestId);
    Source source = Source.UNKNOWN;
    StatusResponse response;
    try {
      if (event == null) {
        response =
            StatusResponse.refused(413, "event is larger than " + MAX_EVENT_BYTES + " bytes");
      } else {
        Map<?, ?> root = StatusNotifications.object(event, "event");
        if (root.get("Records") instanceof List<?> records) {
          source = Source.SNS;
          response = sns(records, deadline);
        } else if (root.get("requestContext") instanceof Map<?, ?>) {
          source = Source.WEBHOOK;
          response = webhook.handle(root, deadline);
        } else {
          response = StatusResponse.refused(400, "neither a function URL request nor an SNS event");
        }
      }
    } catch (StatusPayloadException e) {
      response = StatusResponse.refused(400, e.getMessage());
    } catch (RuntimeException e) {
      response =
          new StatusResponse(500, "retry", List.of(), "unexpected " + e.getClass().getName());
    }
    describe(line, source, response);
    line.with("latencyMs", Duration.ofNanos(System.nanoTime() - started).toMillis());
    log.accept(line.toJson());
    return new Handled(source, response);
  }

  /**
   * Every record's EUM Social event; a record that is not one, or not from this function's topic,
   * account and WABA, refuses the whole event before anything is processed: no redelivery can fix
   * it.
   */
  private StatusResponse sns(List<?> records, Instant deadline) {
    List<StatusUpdate> updates = new ArrayList<>();
    for (Object record : records) {
      if (!(record instanceof Map<?, ?> r)
          || !"aws:sns".equals(r.get("EventSource"))
          || !(r.get("Sns") instanceof Map<?, ?> sns)
          || !(sns.get("Message") instanceof String message)) {
        throw new StatusPayloadException("a record is not an SNS notification");
      }
      Map<?, ?> event =
          StatusNotifications.object(message.getBytes(StandardCharsets.UTF_8), "SNS message");
      Optional<String> refusal = snsSource.refusal(sns.get("TopicArn"), event);
      if (refusal.isPresent()) {
        return StatusResponse.refused(FORBIDDEN, refusal.get());
      }
      updates.addAll(StatusNotifications.fromEumEvent(event));
    }
    return StatusResponse.of(processor.process(updates, deadline));
  }

  private static void describe(DeliveryLogLine line, Source source, StatusResponse response) {
    line.with("source", source.name().toLowerCase(Locale.ROOT))
        .with("httpStatus", response.statusCode());
    if (response.refused()) {
      line.with("level", "WARN").with("outcome", "refused");
    } else if (response.failed()) {
      line.with("level", "ERROR").with("outcome", "failed");
    } else {
      line.with("outcome", "handled");
    }
    line.with("reason", response.reason());
    List<Map<String, Object>> statuses = new ArrayList<>();
    for (StatusResult result : response.results()) {
      statuses.add(describe(result));
    }
    if (!statuses.isEmpty()) {
      line.with("statuses", statuses);
    }
  }

  /** One status, safe to log and print: the message's reference, never its id. */
  public static Map<String, Object> describe(StatusResult result) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("ref", result.update().ref());
    fields.put("status", result.update().status());
    if (result.update().errorCode() != null) {
      fields.put("errorCode", result.update().errorCode());
    }
    fields.put("result", result.kind().name());
    DeliveryOutcome fallback = result.fallback();
    if (fallback != null) {
      fields.put("channel", fallback.channel());
      fields.put("fallbackFrom", fallback.fallbackFrom());
      if (fallback instanceof DeliveryOutcome.Failed failed) {
        fields.put("failureKind", failed.kind().name());
      }
    }
    if (result.reason() != null) {
      fields.put("reason", result.reason());
    }
    return fields;
  }

  /** How the event arrived. */
  public enum Source {
    WEBHOOK,
    SNS,
    UNKNOWN
  }

  /**
   * One event's end.
   *
   * @param source how it arrived
   * @param response the answer and what each status led to
   */
  public record Handled(Source source, StatusResponse response) {}

  /** What the no-arg constructor builds from the environment. */
  private record Parts(
      WebhookSecretSource secrets, StatusProcessor processor, SnsSource snsSource) {}

  private static Parts wire(Map<String, String> env) {
    StatusSettings settings = null;
    SenderWiring wiring = null;
    Set<String> problems = new LinkedHashSet<>(); // both read OTP_LEDGER_TABLE: each problem once
    try {
      settings = StatusSettings.fromEnvironment(env);
    } catch (SenderConfigurationException e) {
      problems.addAll(e.problems());
    }
    try {
      wiring = SenderWiring.fromEnvironment(env);
    } catch (SenderConfigurationException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      throw new SenderConfigurationException(List.copyOf(problems));
    }
    StatusProcessor processor =
        new StatusProcessor(
            wiring.messages().orElseThrow(),
            wiring.decryptor(),
            wiring.policy(),
            wiring.channel(),
            wiring.config().expectedUserPoolId(),
            Optional.of(wiring.limits()),
            wiring.loop(),
            Clock.systemUTC());
    WebhookSecrets local = settings.localSecrets();
    WebhookSecretSource secrets =
        settings
            .appSecretSecretId()
            .<WebhookSecretSource>map(
                id ->
                    new SecretsManagerWebhookSecrets(
                        new AwsClients(env).secretsManager(id), id, Clock.systemUTC()))
            .orElse(deadline -> local);
    return new Parts(secrets, processor, settings.snsSource());
  }
}
