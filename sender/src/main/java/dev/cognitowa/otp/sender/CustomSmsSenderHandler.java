package dev.cognitowa.otp.sender;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.conversion.VerificationLoop;
import dev.cognitowa.otp.sender.conversion.VerificationUnavailableException;
import dev.cognitowa.otp.sender.crypto.CodeDecryptionException;
import dev.cognitowa.otp.sender.crypto.CodeDecryptor;
import dev.cognitowa.otp.sender.crypto.EcdsaAcceleration;
import dev.cognitowa.otp.sender.delivery.Audience;
import dev.cognitowa.otp.sender.delivery.ChannelChain;
import dev.cognitowa.otp.sender.delivery.DeliveryFailedException;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.MessageChannel;
import dev.cognitowa.otp.sender.delivery.MessagePolicy;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.delivery.SendGuard;
import dev.cognitowa.otp.sender.event.BoundedInput;
import dev.cognitowa.otp.sender.event.CustomSmsSenderEvent;
import dev.cognitowa.otp.sender.event.CustomSmsSenderEventParser;
import dev.cognitowa.otp.sender.event.InvalidEventException;
import dev.cognitowa.otp.sender.idempotency.Claim;
import dev.cognitowa.otp.sender.idempotency.DeliveryInProgressException;
import dev.cognitowa.otp.sender.idempotency.DeliveryKey;
import dev.cognitowa.otp.sender.idempotency.DeliveryLedger;
import dev.cognitowa.otp.sender.idempotency.DeliveryLedgerUnavailableException;
import dev.cognitowa.otp.sender.idempotency.LedgerEntry;
import dev.cognitowa.otp.sender.limits.SendLimiter;
import dev.cognitowa.otp.sender.limits.SendLimitsUnavailableException;
import dev.cognitowa.otp.sender.observability.DeliveryLogLine;
import dev.cognitowa.otp.sender.phone.PhoneNumbers;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.JdkHttpSettings;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.tracking.MessageLedger;
import dev.cognitowa.otp.sender.tracking.TrackedMessage;
import dev.cognitowa.otp.sender.wiring.Priming;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.crac.Core;
import org.crac.Resource;

/**
 * The Lambda entry point: {@code dev.cognitowa.otp.sender.CustomSmsSenderHandler::handleRequest}.
 *
 * <p>Cognito invokes it asynchronously. Per event it parses strictly, checks the pool, validates
 * the phone number, decrypts the code, picks the template and delivers through the channels of
 * {@code OTP_CHANNELS} (WhatsApp by default), then writes one JSON log line. Anything that ends
 * without a message accepted throws, so Lambda's retries and on-failure destination see it.
 */
public final class CustomSmsSenderHandler implements RequestStreamHandler, Resource {
  /**
   * Kept back from the Lambda deadline so the log line and the failure are written before the
   * runtime stops us.
   */
  static final Duration DEADLINE_MARGIN = Duration.ofMillis(500);

  static {
    JdkHttpSettings
        .apply(); // the handler class loads first in Lambda: before any connection of the JVM
  }

  private final CustomSmsSenderEventParser parser = new CustomSmsSenderEventParser();
  private final CodeDecryptor decryptor;
  private final MessagePolicy policy;
  private final MessageChannel channel;
  private final Optional<DeliveryLedger> ledger;
  private final Optional<MessageLedger> messages;
  private final Optional<SendLimiter> limits;
  private final VerificationLoop loop;
  private final Optional<String> expectedUserPoolId;
  private final Consumer<String> log;
  private final Clock clock;

  /** Primes the chain's AWS channels before a snapshot; nothing for tests' injected channels. */
  private Runnable channelPriming = () -> {};

  /**
   * Used by the Lambda runtime: reads the environment and builds the real clients once, in the init
   * phase, and registers a SnapStart hook that runs the hot path on made-up data before the
   * snapshot is taken.
   */
  public CustomSmsSenderHandler() {
    this(System.getenv(), System.out::println);
    Core.getGlobalContext().register(this);
  }

  /**
   * SnapStart: load and warm the hot path's classes (no network call) so restored containers start
   * warm.
   */
  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    EcdsaAcceleration.installNow(); // before priming, so priming warms the verifier events will use
    Priming.run(policy);
    ledger.ifPresent(l -> Priming.primeLedgerCallPath());
    channelPriming.run();
  }

  /**
   * SnapStart: every container restored from the snapshot starts with the same memory, so anything
   * random drawn before it (the retry jitter's seed) is drawn again. The token cache's clock and
   * the SDK's credentials are read per use and need nothing.
   */
  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    channel.afterRestore();
  }

  /**
   * Builds the real clients from an environment map; {@code log} receives the per-event JSON lines.
   */
  public CustomSmsSenderHandler(Map<String, String> env, Consumer<String> log) {
    this(SenderWiring.fromEnvironment(env), env, log);
  }

  private CustomSmsSenderHandler(
      SenderWiring wiring, Map<String, String> env, Consumer<String> log) {
    this(
        wiring.decryptor(),
        wiring.policy(),
        wiring.channel(),
        wiring.ledger(),
        wiring.messages(),
        Optional.of(wiring.limits()),
        wiring.loop(),
        wiring.config().expectedUserPoolId(),
        log,
        Clock.systemUTC());
    this.channelPriming = () -> Priming.primeChannels(wiring.config(), env);
  }

  /** Full constructor for tests: every collaborator injected, no delivery ledger. */
  public CustomSmsSenderHandler(
      CodeDecryptor decryptor,
      MessagePolicy policy,
      MessageChannel channel,
      Optional<String> expectedUserPoolId,
      Consumer<String> log,
      Clock clock) {
    this(decryptor, policy, channel, Optional.empty(), expectedUserPoolId, log, clock);
  }

  /** Full constructor for tests: every collaborator injected, the delivery ledger included. */
  public CustomSmsSenderHandler(
      CodeDecryptor decryptor,
      MessagePolicy policy,
      MessageChannel channel,
      Optional<DeliveryLedger> ledger,
      Optional<String> expectedUserPoolId,
      Consumer<String> log,
      Clock clock) {
    this(
        decryptor,
        policy,
        channel,
        ledger,
        Optional.empty(),
        Optional.empty(),
        expectedUserPoolId,
        log,
        clock);
  }

  /**
   * Full constructor for tests: every collaborator injected, the delivery ledger, the message
   * ledger (for late {@code failed} statuses) and the abuse limits included.
   */
  public CustomSmsSenderHandler(
      CodeDecryptor decryptor,
      MessagePolicy policy,
      MessageChannel channel,
      Optional<DeliveryLedger> ledger,
      Optional<MessageLedger> messages,
      Optional<SendLimiter> limits,
      Optional<String> expectedUserPoolId,
      Consumer<String> log,
      Clock clock) {
    this(
        decryptor,
        policy,
        channel,
        ledger,
        messages,
        limits,
        VerificationLoop.NONE,
        expectedUserPoolId,
        log,
        clock);
  }

  /**
   * Full constructor for tests: as above, with the verification loop (conversion breaker and the
   * latest send per user) as well.
   */
  public CustomSmsSenderHandler(
      CodeDecryptor decryptor,
      MessagePolicy policy,
      MessageChannel channel,
      Optional<DeliveryLedger> ledger,
      Optional<MessageLedger> messages,
      Optional<SendLimiter> limits,
      VerificationLoop loop,
      Optional<String> expectedUserPoolId,
      Consumer<String> log,
      Clock clock) {
    this.loop = loop;
    this.messages = messages;
    this.decryptor = decryptor;
    this.policy = policy;
    this.channel = channel;
    this.ledger = ledger;
    this.limits = limits;
    this.expectedUserPoolId = expectedUserPoolId;
    this.log = log;
    this.clock = clock;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    Instant deadline =
        clock.instant().plusMillis(context.getRemainingTimeInMillis()).minus(DEADLINE_MARGIN);
    try {
      deliver(readEvent(input, context.getAwsRequestId()), deadline, context.getAwsRequestId());
      // Once the first message is out, a container that was not restored from a snapshot puts the
      // faster signature check in place off the user's path (once; nothing after the first call).
      EcdsaAcceleration.installInBackground();
    } catch (DeliveryFailedException e) {
      if (e.outcome().kind() != DeliveryOutcome.FailureKind.REFUSED_BY_LIMIT) {
        throw SafeFailure.of(e);
      }
      // refused by an abuse limit: logged and counted; a retry would only be refused again
    } catch (RuntimeException e) {
      // The runtime prints what escapes, causes included: hand it a copy that carries only our
      // one-line message.
      throw SafeFailure.of(e);
    }
  }

  /**
   * The event's bytes; an oversized or unreadable event gets its one log line here, as deliver()
   * never sees it.
   */
  private byte[] readEvent(InputStream input, String requestId) {
    try {
      return BoundedInput.readAll(input, CustomSmsSenderEventParser.MAX_EVENT_BYTES);
    } catch (InvalidEventException | IOException e) {
      String reason =
          e instanceof InvalidEventException
              ? e.getMessage()
              : "event could not be read (" + e.getClass().getSimpleName() + ")";
      log.accept(
          new DeliveryLogLine("ERROR")
              .with("requestId", requestId)
              .with("outcome", "refused")
              .with("reason", reason)
              .with("latencyMs", 0)
              .withMetrics(clock.instant())
              .toJson());
      throw new InvalidEventException(reason);
    }
  }

  /**
   * Delivers one event: what the Lambda and {@code otp invoke} run.
   *
   * @return the accepted delivery
   * @throws InvalidEventException the event, its phone number or its pool is not acceptable
   * @throws CodeDecryptionException the code cannot be decrypted and authenticated, or (transient)
   *     KMS did not answer
   * @throws DeliveryFailedException WhatsApp did not accept the message in the time and attempts
   *     allowed, or an abuse limit refused it ({@code REFUSED_BY_LIMIT}, which {@link
   *     #handleRequest} does not rethrow)
   * @throws DeliveryInProgressException the ledger shows another invocation delivering this event
   *     now (nothing sent)
   * @throws DeliveryLedgerUnavailableException the ledger could not be asked (nothing sent)
   * @throws SendLimitsUnavailableException the abuse limits' counters could not be asked (nothing
   *     sent)
   */
  public DeliveryOutcome.Delivered deliver(byte[] eventJson, Instant deadline, String requestId) {
    long started = System.nanoTime();
    DeliveryLogLine line = new DeliveryLogLine("INFO").with("requestId", requestId);
    try {
      CustomSmsSenderEvent event = parser.parse(eventJson);
      line.with("triggerSource", event.triggerSource().wireName())
          .with("userPoolId", event.userPoolId());
      checkPool(event.userPoolId());
      Recipient recipient = PhoneNumbers.parse(event.request().phoneNumber());
      line.with("recipient", recipient.masked()).with("country", PhoneNumbers.regionOf(recipient));
      Sensitive secret = decryptor.decrypt(event.request().code(), event.userPoolId(), deadline);
      OtpMessage message =
          policy.messageFor(
              event.triggerSource(), recipient, event.userName(), secret, Audience.of(event));
      line.with("template", message.template().name())
          .with("language", message.template().languageCode());
      Claim answer = claim(event, deadline);
      if (answer instanceof Claim.AlreadySent sent) {
        return alreadySent(sent.entry(), line);
      }
      if (answer instanceof Claim.InProgress busy) {
        Instant leaseUntil = busy.entry().leaseUntil();
        line.with("level", "WARN")
            .with("outcome", "in_progress")
            .with("leaseUntil", leaseUntil.toString());
        throw new DeliveryInProgressException(leaseUntil);
      }
      Claim.Claimed claim = (Claim.Claimed) answer; // null without a ledger
      AtomicReference<SendGuard.Refusal> refusal = new AtomicReference<>();
      DeliveryOutcome outcome =
          ChannelChain.deliver(
              channel, message, deadline, guard(event, recipient, deadline, refusal));
      line.with("channel", outcome.channel()).with("attempts", outcome.attempts());
      withFallbacks(outcome, line);
      if (outcome instanceof DeliveryOutcome.Failed failed) {
        describeFailed(failed, refusal.get(), line);
        record(claim, l -> l.markFailed(claim, failed), line);
        throw new DeliveryFailedException(failed);
      }
      DeliveryOutcome.Delivered delivered = (DeliveryOutcome.Delivered) outcome;
      line.with("outcome", "sent").with("messageId", delivered.messageRef());
      record(claim, l -> l.markSent(claim, delivered), line);
      track(event, recipient, message, delivered, deadline, line);
      remember(event, recipient, delivered, deadline, line);
      return delivered;
    } catch (RuntimeException
        | Error e) { // an Error too: the line must never go out as INFO without an outcome
      describeThrown(e, line);
      throw e;
    } finally {
      line.with("latencyMs", Duration.ofNanos(System.nanoTime() - started).toMillis());
      log.accept(line.withMetrics(clock.instant()).toJson());
    }
  }

  /** Claims the event in the ledger, or null without one. */
  private Claim claim(CustomSmsSenderEvent event, Instant deadline) {
    return ledger.isEmpty()
        ? null
        : ledger
            .get()
            .claim(
                DeliveryKey.of(
                    event.userPoolId(),
                    event.userName(),
                    event.triggerSource(),
                    event.request().code()),
                deadline);
  }

  /** The recorded result of an event the ledger shows as sent: nothing is sent again. */
  private static DeliveryOutcome.Delivered alreadySent(LedgerEntry entry, DeliveryLogLine line) {
    line.with("outcome", "sent")
        .with("duplicate", true)
        .with("channel", entry.channel())
        .with("attempts", entry.attempts())
        .with("messageId", entry.messageRef());
    return new DeliveryOutcome.Delivered(
        entry.channel(), entry.messageRef(), entry.attempts(), true);
  }

  /** The log line of a delivery that failed, or that an abuse limit refused ({@code WARN}). */
  private static void describeFailed(
      DeliveryOutcome.Failed failed, SendGuard.Refusal refusal, DeliveryLogLine line) {
    if (failed.kind() == DeliveryOutcome.FailureKind.REFUSED_BY_LIMIT) {
      if (!line.isError()) { // an earlier channel's configuration problem stays at ERROR
        line.with("level", "WARN");
      }
      line.with("outcome", "refused_by_limit")
          .with("failureKind", failed.kind().name())
          .with("limit", refusal == null ? null : refusal.limit())
          .with("reason", failed.reason());
      return;
    }
    line.with("level", "ERROR")
        .with("outcome", "failed")
        .with("failureKind", failed.kind().name())
        .with("errorCode", failed.errorCode())
        .with("reason", failed.reason());
  }

  /**
   * The log line of what {@link #deliver} throws; a delivery's own failure and an event in progress
   * have described themselves already.
   */
  private static void describeThrown(Throwable e, DeliveryLogLine line) {
    if (e instanceof DeliveryFailedException || e instanceof DeliveryInProgressException) {
      return;
    }
    line.with("level", "ERROR");
    if (e instanceof CodeDecryptionException decryption) {
      line.with("reason", decryption.getMessage());
      if (decryption.isTransient()) { // KMS throttling, failing or silent: a retry may succeed
        line.with("outcome", "failed")
            .with("failureKind", DeliveryOutcome.FailureKind.TRANSIENT_EXHAUSTED.name());
      } else {
        line.with("outcome", "refused");
      }
    } else if (e instanceof InvalidEventException) {
      line.with("outcome", "refused").with("reason", e.getMessage());
    } else if (e instanceof DeliveryLedgerUnavailableException) {
      line.with("outcome", "ledger_unavailable").with("reason", e.getMessage());
    } else if (e instanceof SendLimitsUnavailableException) {
      // fail closed, as the ledger does: nothing was sent, and Lambda retries a minute later
      line.with("outcome", "limits_unavailable").with("reason", e.getMessage());
    } else {
      line.with("outcome", "error").with("reason", SafeFailure.describe(e));
    }
  }

  /**
   * The event's guard for the chain: the abuse limits when configured, remembering a refusal for
   * the log line.
   */
  private SendGuard guard(
      CustomSmsSenderEvent event,
      Recipient recipient,
      Instant deadline,
      AtomicReference<SendGuard.Refusal> refusal) {
    SendGuard limited =
        limits.isEmpty()
            ? SendGuard.NONE
            : limits.get().guardFor(event.userPoolId(), recipient, deadline);
    SendGuard breaker = loop.guardFor(event.triggerSource(), recipient, deadline);
    return name -> {
      Optional<SendGuard.Refusal> refused = limited.admit(name);
      if (refused.isPresent()) {
        loop.refused(name, recipient, deadline);
      } else {
        refused = breaker.admit(name); // after the limits: a refusal there counts no send here
      }
      refused.ifPresent(refusal::set);
      return refused;
    };
  }

  /**
   * Keeps the delivered send as the latest of its family for the verification handler (one write);
   * a failure is logged, never thrown (it was sent).
   */
  private void remember(
      CustomSmsSenderEvent event,
      Recipient recipient,
      DeliveryOutcome.Delivered delivered,
      Instant deadline,
      DeliveryLogLine line) {
    try {
      if (loop.recordSend(
          event.userPoolId(),
          event.userName(),
          event.triggerSource(),
          recipient,
          delivered.channel(),
          null,
          clock.instant(),
          deadline)) {
        line.with("awaitingVerification", true);
      }
    } catch (VerificationUnavailableException e) {
      line.with("awaitingVerification", "not recorded: " + e.getMessage());
    }
  }

  /**
   * Names the channels that failed before this outcome's, and keeps a configuration problem of one
   * of them at ERROR even when a later channel delivered: users still get codes, but the operator
   * must fix it.
   */
  private static void withFallbacks(DeliveryOutcome outcome, DeliveryLogLine line) {
    if (outcome.earlierFailures().isEmpty()) {
      return;
    }
    line.with("fallbackFrom", outcome.fallbackFrom());
    List<String> configurationProblems =
        outcome.earlierFailures().stream()
            .filter(f -> f.kind() == DeliveryOutcome.FailureKind.CONFIGURATION)
            .map(f -> f.label() + " " + f.reason())
            .toList();
    if (!configurationProblems.isEmpty()) {
      line.with("level", "ERROR").with("configurationProblem", configurationProblems);
    }
  }

  /**
   * Records the outcome of a claimed delivery. A ledger failure here is logged, never thrown: the
   * message was sent (or failed) either way, and the claim's lease ends at the deadline, so a retry
   * is not blocked for long.
   */
  private void record(Claim.Claimed claim, Predicate<DeliveryLedger> write, DeliveryLogLine line) {
    if (claim == null) {
      return;
    }
    try {
      if (!write.test(ledger.get())) {
        line.with("ledger", "not recorded: the claim was taken over after its lease ended");
      }
    } catch (DeliveryLedgerUnavailableException e) {
      line.with("ledger", "not recorded: " + e.getMessage());
    }
  }

  /**
   * Keeps what a late {@code failed} status needs to send the code again by the next channel: only
   * when the channel that accepted it has a later one, and only for the fallback window. One more
   * DynamoDB write per such message; a failure to write is logged, never thrown (it was sent).
   *
   * <p>Never for a temporary password (AdminCreateUser): it stays valid for days, so its ciphertext
   * is not kept even encrypted, and an administrator sends it again with AdminCreateUser's {@code
   * RESEND} when WhatsApp reports it failed.
   */
  private void track(
      CustomSmsSenderEvent event,
      Recipient recipient,
      OtpMessage message,
      DeliveryOutcome.Delivered delivered,
      Instant deadline,
      DeliveryLogLine line) {
    if (messages.isEmpty()
        || event.triggerSource().carriesTemporaryPassword()
        || delivered.messageRef() == null
        || !(channel instanceof ChannelChain chain)
        || ChannelChain.after(chain, delivered.channel()).isEmpty()) {
      return;
    }
    try {
      messages
          .get()
          .track(
              new TrackedMessage(
                  delivered.messageRef(),
                  event.request().code(),
                  event.userPoolId(),
                  event.userName(),
                  event.triggerSource(),
                  recipient.e164(),
                  delivered.channel(),
                  chain.indexOf(delivered.channel()),
                  clock.instant(),
                  event.appClientId().orElse(null),
                  message.template().languageCode()),
              deadline);
      line.with("tracked", true);
    } catch (DeliveryLedgerUnavailableException e) {
      line.with("tracked", "not recorded: " + e.getMessage());
    }
  }

  private void checkPool(String userPoolId) {
    if (expectedUserPoolId.isPresent() && !expectedUserPoolId.get().equals(userPoolId)) {
      throw new InvalidEventException(
          "event is from user pool "
              + userPoolId
              + ", this function serves "
              + expectedUserPoolId.get()
              + " (COGNITO_USER_POOL_ID)");
    }
  }

  /**
   * The exception types the handler lets escape, rebuilt without causes whose messages we do not
   * control.
   */
  static final class SafeFailure {
    private SafeFailure() {}

    static RuntimeException of(RuntimeException e) {
      RuntimeException safe;
      if (e instanceof InvalidEventException) {
        safe = new InvalidEventException(e.getMessage());
      } else if (e instanceof CodeDecryptionException d) {
        safe = new CodeDecryptionException(d.getMessage(), d.isTransient());
      } else if (e instanceof DeliveryFailedException d) {
        safe = new DeliveryFailedException(d.outcome());
      } else if (e instanceof DeliveryInProgressException busy) {
        safe = busy.copy();
      } else if (e instanceof DeliveryLedgerUnavailableException) {
        safe = new DeliveryLedgerUnavailableException(e.getMessage());
      } else if (e instanceof SendLimitsUnavailableException) {
        safe = new SendLimitsUnavailableException(e.getMessage());
      } else if (e instanceof SenderConfigurationException) {
        return e;
      } else {
        safe = new IllegalStateException(describe(e));
      }
      safe.setStackTrace(e.getStackTrace());
      return safe;
    }

    /**
     * An unexpected exception by class and origin only: its message may quote input we cannot vouch
     * for.
     */
    static String describe(Throwable e) {
      StackTraceElement[] trace = e.getStackTrace();
      String at =
          trace.length == 0
              ? ""
              : " at " + trace[0].getClassName() + "." + trace[0].getMethodName();
      return "unexpected " + e.getClass().getName() + at;
    }
  }
}
