package dev.cognitowa.otp.sender.verification;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.cognitowa.otp.sender.conversion.DynamoDbVerificationLedger;
import dev.cognitowa.otp.sender.conversion.FunnelCounters;
import dev.cognitowa.otp.sender.conversion.FunnelUnavailableException;
import dev.cognitowa.otp.sender.conversion.SourceFamily;
import dev.cognitowa.otp.sender.conversion.VerificationLedger;
import dev.cognitowa.otp.sender.conversion.VerificationUnavailableException;
import dev.cognitowa.otp.sender.conversion.Verified;
import dev.cognitowa.otp.sender.event.BoundedInput;
import dev.cognitowa.otp.sender.event.InvalidEventException;
import dev.cognitowa.otp.sender.limits.NumberPseudonyms;
import dev.cognitowa.otp.sender.support.Json;
import dev.cognitowa.otp.sender.support.JsonParseException;
import dev.cognitowa.otp.sender.wiring.Priming;
import dev.cognitowa.otp.sender.wiring.VerificationWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda entry point of Cognito's Post confirmation and Post authentication triggers: {@code
 * dev.cognitowa.otp.sender.verification.VerificationHandler::handleRequest}. It marks the latest
 * send of the family the trigger proves ({@link SourceFamily#provedBy}) verified and credits the
 * funnel, then returns the event unchanged, as Cognito requires of both triggers
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-authentication.html).
 *
 * <p>Cognito calls it synchronously, inside the user's sign-up or sign-in: its work is bounded by
 * {@link #BUDGET}, and nothing it meets (a bad event, DynamoDB down, a bug) fails or delays the
 * sign-in beyond that; every error is logged and swallowed.
 */
public final class VerificationHandler implements RequestStreamHandler, Resource {
  /**
   * The most its two writes may add to a sign-in: Cognito waits up to 5 seconds for a trigger, and
   * DynamoDB answers in single-digit milliseconds in the region, so a second means it is failing.
   */
  public static final Duration BUDGET = Duration.ofSeconds(1);

  /** Kept back from Lambda's own deadline, should the function's timeout be shorter than that. */
  static final Duration DEADLINE_MARGIN = Duration.ofMillis(200);

  /** A Cognito trigger event is a few KiB; anything near this is not one. */
  static final int MAX_EVENT_BYTES = 256 * 1024;

  private static final Pattern USER_POOL_ID =
      Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]_[0-9A-Za-z]{1,55}");

  private final VerificationLedger ledger;
  private final Optional<FunnelCounters> funnel;
  private final Optional<String> expectedUserPoolId;
  private final Consumer<String> log;
  private final Clock clock;

  /** Rounds of priming: enough for the SDK's marshalling and the HMAC to be loaded and warm. */
  static final int PRIMING_ROUNDS = 20;

  /** What the offline client answers while priming: a send verified just now. */
  private static final String PRIMING_ANSWER =
      "{\"Attributes\":{\"id\":{\"S\":\"verify#priming\"},\"channel\":{\"S\":\"sms\"},"
          + "\"country\":{\"S\":\"GB\"},\"triggerSource\":{\"S\":\"CustomSMSSender_SignUp\"},"
          + "\"sentAt\":{\"N\":\"0\"}}}";

  private static final byte[] PRIMING_EVENT =
      ("{\"triggerSource\":\"PostConfirmation_ConfirmSignUp\",\"userPoolId\":\"eu-west-1_PRIMING\","
              + "\"userName\":\"priming\",\"request\":{\"userAttributes\":{}},\"response\":{}}")
          .getBytes(StandardCharsets.UTF_8);

  /**
   * Used by the Lambda runtime: reads the environment and builds the DynamoDB client once, and
   * registers the SnapStart hook that primes the path before the snapshot.
   */
  public VerificationHandler() {
    this(System.getenv(), System.out::println);
    Core.getGlobalContext().register(this);
  }

  /**
   * SnapStart: runs the whole path on made-up data against an offline DynamoDB client (no network
   * call, nothing of a user), so a restored function's first sign-in does not load and interpret
   * it. The pseudonym key is not read here: it stays out of the snapshot.
   */
  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    Clock clock = Clock.systemUTC();
    try (DynamoDbClient offline = Priming.offlineDynamoDb(PRIMING_ANSWER)) {
      VerificationHandler primer =
          new VerificationHandler(
              new DynamoDbVerificationLedger(offline, "priming", NumberPseudonyms.unkeyed(), clock),
              Optional.of(new FunnelCounters(offline, "priming", clock)),
              Optional.empty(),
              line -> {},
              clock);
      for (int i = 0; i < PRIMING_ROUNDS; i++) {
        primer.verify(PRIMING_EVENT, clock.instant().plusSeconds(5), "priming");
      }
    }
  }

  /** SnapStart: nothing drawn at random to draw again. */
  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // the clients read credentials per call; nothing to refresh
  }

  /** Builds the real clients from an environment map; {@code log} receives the JSON lines. */
  public VerificationHandler(Map<String, String> env, Consumer<String> log) {
    this(VerificationWiring.fromEnvironment(env), log);
  }

  private VerificationHandler(VerificationWiring wiring, Consumer<String> log) {
    this(wiring.ledger(), wiring.funnel(), wiring.expectedUserPoolId(), log, Clock.systemUTC());
  }

  /** Full constructor for tests: every collaborator injected. */
  public VerificationHandler(
      VerificationLedger ledger,
      Optional<FunnelCounters> funnel,
      Optional<String> expectedUserPoolId,
      Consumer<String> log,
      Clock clock) {
    this.ledger = ledger;
    this.funnel = funnel;
    this.expectedUserPoolId = expectedUserPoolId;
    this.log = log;
    this.clock = clock;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    Instant start = clock.instant();
    Duration left = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(DEADLINE_MARGIN);
    Instant deadline = start.plus(left.compareTo(BUDGET) < 0 ? left : BUDGET);
    byte[] event = BoundedInput.readAll(input, MAX_EVENT_BYTES);
    try {
      verify(event, deadline, context.getAwsRequestId());
    } catch (RuntimeException | Error e) { // logged by verify(); the sign-in goes on regardless
      // nothing to do
    }
    output.write(event); // unchanged: Cognito expects the request back
  }

  /**
   * Handles one event: what the Lambda and {@code otp verified} run.
   *
   * @return the send verified; empty when the trigger proves none (nothing to record)
   * @throws InvalidEventException the event is not a Cognito trigger event of an accepted pool
   * @throws VerificationUnavailableException the ledger could not be asked in time
   */
  public Optional<Verified> verify(byte[] eventJson, Instant deadline, String requestId) {
    long started = System.nanoTime();
    VerificationLogLine line = new VerificationLogLine(requestId);
    try {
      Map<String, Object> event = parse(eventJson);
      String source = field(event, "triggerSource");
      String userPoolId = field(event, "userPoolId");
      String userName = field(event, "userName");
      line.with("verifySource", source).with("userPoolId", userPoolId);
      if (!USER_POOL_ID.matcher(userPoolId).matches()) {
        throw new InvalidEventException("userPoolId is not a user pool id");
      }
      if (expectedUserPoolId.isPresent() && !expectedUserPoolId.get().equals(userPoolId)) {
        throw new InvalidEventException(
            "event is from user pool "
                + userPoolId
                + ", this function serves "
                + expectedUserPoolId.get()
                + " (COGNITO_USER_POOL_ID)");
      }
      if (SourceFamily.provedBy(source).isEmpty()) {
        line.with("result", "ignored").with("reason", "not a Post confirmation/authentication");
        return Optional.empty();
      }
      for (SourceFamily family : SourceFamily.provedBy(source)) {
        Optional<Verified> verified =
            ledger.markVerified(userPoolId, userName, family, clock.instant(), deadline);
        if (verified.isPresent()) {
          line.verified(verified.get());
          credit(verified.get(), deadline, line);
          return verified;
        }
      }
      line.with("result", "unmatched");
      return Optional.empty();
    } catch (InvalidEventException e) {
      line.with("level", "ERROR").with("result", "refused").with("reason", e.getMessage());
      throw e;
    } catch (VerificationUnavailableException e) {
      line.with("level", "ERROR").with("result", "unavailable").with("reason", e.getMessage());
      throw e;
    } catch (RuntimeException | Error e) {
      line.with("level", "ERROR")
          .with("result", "error")
          .with("reason", "unexpected " + e.getClass().getName());
      throw e;
    } finally {
      line.with("latencyMs", Duration.ofNanos(System.nanoTime() - started).toMillis());
      log.accept(line.toJson(clock.instant()));
    }
  }

  /** Credits the funnel's bucket of the send; best effort, the verification stands regardless. */
  private void credit(Verified verified, Instant deadline, VerificationLogLine line) {
    if (funnel.isEmpty()) {
      return;
    }
    try {
      funnel
          .get()
          .verified(
              verified.send().channel(),
              verified.send().country(),
              verified.send().sentAt(),
              deadline);
    } catch (FunnelUnavailableException e) {
      line.with("funnel", "not credited: " + e.getMessage());
    }
  }

  private static Map<String, Object> parse(byte[] json) {
    if (json.length > MAX_EVENT_BYTES) {
      throw new InvalidEventException("event is larger than " + MAX_EVENT_BYTES + " bytes");
    }
    Object root;
    try {
      root = Json.read(json);
    } catch (JsonParseException e) {
      throw new InvalidEventException("event is not valid JSON");
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new InvalidEventException("event is not a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> event = (Map<String, Object>) map;
    return event;
  }

  private static String field(Map<String, Object> event, String name) {
    if (!(event.get(name) instanceof String value) || value.isBlank()) {
      throw new InvalidEventException(name + " is missing or not a string");
    }
    return value;
  }
}
