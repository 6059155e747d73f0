package dev.cognitowa.otp.sender.eum;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import dev.cognitowa.otp.sender.delivery.MessageChannel;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.support.BoundedCall;
import dev.cognitowa.otp.sender.support.Sleeper;
import dev.cognitowa.otp.sender.whatsapp.AttemptBudget;
import dev.cognitowa.otp.sender.whatsapp.RetryPolicy;
import dev.cognitowa.otp.sender.whatsapp.SendResult;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.socialmessaging.SocialMessagingClient;
import software.amazon.awssdk.services.socialmessaging.model.SendWhatsAppMessageRequest;

/**
 * Delivers through AWS End User Messaging Social ({@code SendWhatsAppMessage}): the same Graph
 * message the Cloud API channel posts, sent by EUM on the account's behalf, authorised by IAM, so
 * there is no Meta token to keep. One request per attempt, each bounded by the deadline; transient
 * failures retried as {@link RetryPolicy} says; answers classified by {@link EumAnswer}.
 */
public final class EumWhatsAppChannel implements MessageChannel {
  /** The name in {@code OTP_CHANNELS}, logs and results. */
  public static final String NAME = "whatsapp-eum";

  private final SocialMessagingClient client;
  private final EumWhatsAppSettings settings;
  private final RetryPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;

  /**
   * @param client a client making one attempt per call (the wiring's {@code
   *     AwsClients#socialMessaging}): this channel retries
   */
  public EumWhatsAppChannel(
      SocialMessagingClient client,
      EumWhatsAppSettings settings,
      RetryPolicy policy,
      Clock clock,
      Sleeper sleeper) {
    this.client = client;
    this.settings = settings;
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** The production channel: the shared AWS clients' settings, the system clock, real sleeps. */
  public static EumWhatsAppChannel create(
      EumWhatsAppSettings settings, SocialMessagingClient client) {
    return new EumWhatsAppChannel(
        client, settings, new RetryPolicy(settings.maxAttempts()), Clock.systemUTC(), Sleeper.REAL);
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Reseeds the retry jitter, so that containers restored from one snapshot do not retry in
   * lockstep.
   */
  @Override
  public void afterRestore() {
    policy.reseed();
  }

  @Override
  public DeliveryOutcome deliver(OtpMessage message, Instant deadline) {
    SdkBytes body = SdkBytes.fromByteArrayUnsafe(WhatsAppMessage.from(message).toJsonBytes());
    AttemptBudget budget = new AttemptBudget(policy, clock, deadline, settings.requestTimeout());
    return budget.settle(attempt(body, budget));
  }

  private DeliveryOutcome attempt(SdkBytes body, AttemptBudget budget) {
    try {
      while (true) {
        Optional<Duration> attemptTime = budget.startAttempt();
        if (attemptTime.isEmpty()) {
          return failed(
              FailureKind.TRANSIENT_EXHAUSTED,
              null,
              "no time left before the Lambda deadline",
              budget.attempts());
        }
        int attempts = budget.attempts();
        EumAnswer answer = send(body, attemptTime.get());
        SendResult result = answer.result();
        budget.answered(result);
        switch (answer.verdict()) {
          case ACCEPTED -> {
            return DeliveryOutcome.Delivered.accepted(
                NAME, ((SendResult.Accepted) result).messageId(), attempts);
          }
          case TRANSIENT -> {
            Optional<Duration> delay = budget.retryDelay(result);
            if (delay.isEmpty()) {
              return failed(FailureKind.TRANSIENT_EXHAUSTED, result, attempts);
            }
            sleeper.sleep(delay.get());
          }
          case RECIPIENT_UNREACHABLE -> {
            return failed(FailureKind.RECIPIENT_UNREACHABLE, result, attempts);
          }
          case CONFIGURATION, TOKEN_EXPIRED -> {
            return failed(FailureKind.CONFIGURATION, result, attempts);
          }
          default -> {
            return failed(FailureKind.REJECTED, result, attempts);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(
          FailureKind.TRANSIENT_EXHAUSTED,
          null,
          "interrupted while waiting to retry",
          budget.attempts());
    }
  }

  /**
   * One attempt: the SDK's own timeouts and, in case they are late, a {@link BoundedCall} wait,
   * both {@code timeout}.
   */
  private EumAnswer send(SdkBytes body, Duration timeout) {
    SendWhatsAppMessageRequest request =
        SendWhatsAppMessageRequest.builder()
            .originationPhoneNumberId(settings.originationPhoneNumberId())
            .metaApiVersion(settings.metaApiVersion())
            .message(body)
            .overrideConfiguration(o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout))
            .build();
    try {
      return BoundedCall.within(
          timeout,
          () -> {
            try {
              return EumAnswer.of(client.sendWhatsAppMessage(request));
            } catch (SdkException e) {
              return EumAnswer.of(e);
            }
          },
          () -> {});
    } catch (BoundedCall.DeadlineExceededException e) {
      return EumAnswer.timedOut();
    }
  }

  private static DeliveryOutcome.Failed failed(FailureKind kind, SendResult result, int attempts) {
    kind =
        result.outcomeUnknown()
            ? FailureKind.OUTCOME_UNKNOWN
            : kind; // the last request may have arrived
    if (result instanceof SendResult.Rejected r) {
      String meta = r.errorCode() == null ? "" : " (Meta " + r.errorCode() + ")";
      return failed(
          kind, r.errorCode(), "HTTP " + r.httpStatus() + ": " + r.description() + meta, attempts);
    }
    return failed(kind, null, "network: " + ((SendResult.NetworkFailure) result).kind(), attempts);
  }

  private static DeliveryOutcome.Failed failed(
      FailureKind kind, Integer code, String reason, int attempts) {
    return new DeliveryOutcome.Failed(NAME, kind, code, reason, attempts);
  }
}
