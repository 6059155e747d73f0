package dev.cognitowa.otp.sender.status;

import dev.cognitowa.otp.sender.conversion.VerificationLoop;
import dev.cognitowa.otp.sender.conversion.VerificationUnavailableException;
import dev.cognitowa.otp.sender.crypto.CodeDecryptionException;
import dev.cognitowa.otp.sender.crypto.CodeDecryptor;
import dev.cognitowa.otp.sender.delivery.Audience;
import dev.cognitowa.otp.sender.delivery.ChannelChain;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import dev.cognitowa.otp.sender.delivery.MessageChannel;
import dev.cognitowa.otp.sender.delivery.MessagePolicy;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.delivery.SendGuard;
import dev.cognitowa.otp.sender.event.InvalidEventException;
import dev.cognitowa.otp.sender.idempotency.DeliveryLedgerUnavailableException;
import dev.cognitowa.otp.sender.language.LocaleTag;
import dev.cognitowa.otp.sender.limits.SendLimiter;
import dev.cognitowa.otp.sender.limits.SendLimitsUnavailableException;
import dev.cognitowa.otp.sender.phone.PhoneNumbers;
import dev.cognitowa.otp.sender.status.StatusResult.Kind;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.tracking.FallbackClaim;
import dev.cognitowa.otp.sender.tracking.MessageLedger;
import dev.cognitowa.otp.sender.tracking.TrackedMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Acts on message statuses, whichever way they arrived: {@code delivered} and {@code read} are
 * recorded; a {@code failed} within the fallback window, before any delivery, claims the fallback
 * once in the ledger, decrypts the stored ciphertext again and sends the same code through the
 * channels after the one that failed.
 *
 * <p>When that second send fails in a way a retry may fix (the later channels exhausted their
 * transient retries, KMS did not answer), the claim is given back and the status reported as {@link
 * Kind#RETRY}: the caller answers so that the notification is delivered again, and that copy claims
 * and sends. A permanent failure, or an outcome that may have reached the phone, keeps the claim:
 * exactly once, never twice.
 */
public final class StatusProcessor {
  private final MessageLedger ledger;
  private final CodeDecryptor decryptor;
  private final MessagePolicy policy;
  private final MessageChannel channels;
  private final Optional<String> expectedUserPoolId;
  private final Optional<SendLimiter> limits;
  private final VerificationLoop loop;
  private final Clock clock;

  /**
   * @param channels every channel of {@code OTP_CHANNELS} as the sender has them: a fallback uses
   *     those after the one that sent
   */
  public StatusProcessor(
      MessageLedger ledger,
      CodeDecryptor decryptor,
      MessagePolicy policy,
      MessageChannel channels,
      Optional<String> expectedUserPoolId,
      Clock clock) {
    this(ledger, decryptor, policy, channels, expectedUserPoolId, Optional.empty(), clock);
  }

  /**
   * As above, with the abuse limits the sender applies: a fallback is a paid send like any other,
   * admitted (and counted) by them before it goes out.
   *
   * @param limits the sender's abuse limits; empty: none
   */
  public StatusProcessor(
      MessageLedger ledger,
      CodeDecryptor decryptor,
      MessagePolicy policy,
      MessageChannel channels,
      Optional<String> expectedUserPoolId,
      Optional<SendLimiter> limits,
      Clock clock) {
    this(
        ledger,
        decryptor,
        policy,
        channels,
        expectedUserPoolId,
        limits,
        VerificationLoop.NONE,
        clock);
  }

  /**
   * As above, with the sender's verification loop: a fallback passes the conversion breaker after
   * the limits (it is the SMS that pumping aims at), and once delivered it is the user's latest
   * send, so the code's use is credited to the channel that brought it.
   *
   * @param loop the breaker and the latest send per user; {@link VerificationLoop#NONE}: none
   */
  public StatusProcessor(
      MessageLedger ledger,
      CodeDecryptor decryptor,
      MessagePolicy policy,
      MessageChannel channels,
      Optional<String> expectedUserPoolId,
      Optional<SendLimiter> limits,
      VerificationLoop loop,
      Clock clock) {
    this.loop = loop;
    this.limits = limits;
    this.ledger = ledger;
    this.decryptor = decryptor;
    this.policy = policy;
    this.channels = channels;
    this.expectedUserPoolId = expectedUserPoolId;
    this.clock = clock;
  }

  /** Each status in order; a failure with one never stops the others. */
  public List<StatusResult> process(List<StatusUpdate> updates, Instant deadline) {
    List<StatusResult> results = new ArrayList<>(updates.size());
    for (StatusUpdate update : updates) {
      try {
        results.add(process(update, deadline));
      } catch (DeliveryLedgerUnavailableException e) {
        results.add(StatusResult.of(update, Kind.RETRY, e.getMessage()));
      }
    }
    return results;
  }

  private StatusResult process(StatusUpdate update, Instant deadline) {
    return switch (update.status().toLowerCase(Locale.ROOT)) {
      case "delivered" -> record(update, MessageLedger.StatusKind.DELIVERED);
      case "read" -> record(update, MessageLedger.StatusKind.READ);
      case "failed" -> fallBack(update, deadline);
      default -> StatusResult.of(update, Kind.IGNORED);
    };
  }

  private StatusResult record(StatusUpdate update, MessageLedger.StatusKind kind) {
    Instant at = update.timestamp() != null ? update.timestamp() : clock.instant();
    return StatusResult.of(
        update, ledger.recordStatus(update.ref(), kind, at) ? Kind.RECORDED : Kind.UNKNOWN);
  }

  private StatusResult fallBack(StatusUpdate update, Instant deadline) {
    String failure = update.errorCode() == null ? "failed" : update.errorCode().toString();
    FallbackClaim answer = ledger.claimFallback(update.ref(), failure, deadline);
    if (answer instanceof FallbackClaim.Declined declined) {
      return StatusResult.of(
          update,
          switch (declined.reason()) {
            case UNKNOWN -> Kind.UNKNOWN;
            case AFTER_DELIVERY -> Kind.AFTER_DELIVERY;
            case ALREADY_CLAIMED -> Kind.ALREADY_HANDLED;
            case WINDOW_PASSED -> Kind.WINDOW_PASSED;
          });
    }
    FallbackClaim.Claimed claim = (FallbackClaim.Claimed) answer;
    TrackedMessage message = claim.message();
    DeliveryOutcome.Failed late =
        new DeliveryOutcome.Failed(
            message.channel(),
            FailureKind.RECIPIENT_UNREACHABLE,
            update.errorCode(),
            "a failed status arrived after the message was accepted",
            1);
    Optional<MessageChannel> later = ChannelChain.after(channels, message.channel());
    if (later.isEmpty()) {
      return keep(
          claim,
          update,
          failure(
              message.channel(),
              FailureKind.CONFIGURATION,
              "OTP_CHANNELS has no channel after " + message.channel() + " any more",
              late));
    }
    DeliveryOutcome outcome;
    try {
      OtpMessage again = messageFor(message, deadline);
      SendGuard limited =
          limits
              .map(l -> l.guardFor(message.userPoolId(), again.recipient(), deadline))
              .orElse(SendGuard.NONE);
      SendGuard breaker = loop.guardFor(message.triggerSource(), again.recipient(), deadline);
      SendGuard both =
          name -> {
            Optional<SendGuard.Refusal> refused = limited.admit(name);
            return refused.isPresent() ? refused : breaker.admit(name);
          };
      outcome = ChannelChain.deliver(later.get(), again, deadline, sendingOnce(claim, both));
      if (outcome instanceof DeliveryOutcome.Delivered delivered) {
        remember(message, again, delivered, deadline);
      }
    } catch (SendLimitsUnavailableException | DeliveryLedgerUnavailableException e) {
      return giveBack(claim, update, e.getMessage()); // nothing sent: a later copy may count
    } catch (ClaimTakenOverException e) {
      return StatusResult.of(update, Kind.ALREADY_HANDLED, e.getMessage());
    } catch (CodeDecryptionException e) {
      if (e.isTransient()) {
        return giveBack(claim, update, "KMS: " + e.getMessage());
      }
      return keep(
          claim, update, failure(message.channel(), FailureKind.REJECTED, e.getMessage(), late));
    } catch (InvalidEventException e) {
      return keep(
          claim, update, failure(message.channel(), FailureKind.REJECTED, e.getMessage(), late));
    }
    List<DeliveryOutcome.Failed> earlier = new ArrayList<>();
    earlier.add(late);
    earlier.addAll(outcome.earlierFailures());
    outcome = outcome.afterFailures(earlier);
    if (outcome instanceof DeliveryOutcome.Failed failed && isWorthRetrying(failed.kind())) {
      return giveBack(claim, update, failed.label() + " " + failed.reason());
    }
    return keep(claim, update, outcome);
  }

  /** The fallback as the user's latest send; best effort, it was sent either way. */
  private void remember(
      TrackedMessage message,
      OtpMessage again,
      DeliveryOutcome.Delivered delivered,
      Instant deadline) {
    try {
      loop.recordSend(
          message.userPoolId(),
          message.userName(),
          message.triggerSource(),
          again.recipient(),
          delivered.channel(),
          null,
          clock.instant(),
          deadline);
    } catch (VerificationUnavailableException e) {
      // the earlier channel's send stays the latest; its use is credited there
    }
  }

  /**
   * {@code limited}, preceded once by {@link MessageLedger#markSending}: the record that the paid
   * send may go out comes before the send, so a redelivered status can never send it again, even
   * after this claim's lease has ended. Each channel's own attempts stay inside the chain.
   */
  private SendGuard sendingOnce(FallbackClaim.Claimed claim, SendGuard limited) {
    AtomicBoolean marked = new AtomicBoolean();
    return channel -> {
      if (!marked.get()) {
        if (!ledger.markSending(claim)) {
          throw new ClaimTakenOverException();
        }
        marked.set(true);
      }
      return limited.admit(channel);
    };
  }

  /** The claim's lease ended and another invocation took it before this one could send. */
  private static final class ClaimTakenOverException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClaimTakenOverException() {
      super("the claim was taken over after its lease ended; nothing sent", null, false, false);
    }
  }

  /** The same message as the first time: the code decrypted again, under the same pool check. */
  private OtpMessage messageFor(TrackedMessage message, Instant deadline) {
    if (expectedUserPoolId.isPresent() && !expectedUserPoolId.get().equals(message.userPoolId())) {
      throw new InvalidEventException(
          "tracked message is from user pool "
              + message.userPoolId()
              + ", this function serves "
              + expectedUserPoolId.get());
    }
    Sensitive secret = decryptor.decrypt(message.ciphertext(), message.userPoolId(), deadline);
    // the same templates (the app client's) in the same language as the first message
    Audience audience =
        new Audience(
            Optional.ofNullable(message.appClientId()),
            LocaleTag.parse(message.language()),
            Optional.empty());
    return policy.messageFor(
        message.triggerSource(),
        PhoneNumbers.parse(message.phoneNumber()),
        message.userName(),
        secret,
        audience);
  }

  /**
   * A failure another delivery of the status may fix: the channels' transient failures. Not an
   * unknown outcome: the code may be on the phone already, and a third send is worse than none.
   */
  static boolean isWorthRetrying(FailureKind kind) {
    return kind == FailureKind.TRANSIENT_EXHAUSTED || kind == FailureKind.TOKEN_REFRESH_FAILED;
  }

  /** Records the outcome and keeps the claim: this status is done with, sent or not. */
  private StatusResult keep(
      FallbackClaim.Claimed claim, StatusUpdate update, DeliveryOutcome outcome) {
    String note = null;
    try {
      if (!ledger.recordFallback(claim, outcome)) {
        note = "not recorded: the claim was taken over after its lease ended";
      }
    } catch (DeliveryLedgerUnavailableException e) {
      note = "not recorded: " + e.getMessage(); // the claim stays: nothing is sent twice
    }
    if (outcome instanceof DeliveryOutcome.Failed failed) {
      return new StatusResult(
          update, Kind.FALLBACK_FAILED, note == null ? failed.reason() : note, outcome);
    }
    return new StatusResult(update, Kind.FALLBACK_SENT, note, outcome);
  }

  /** Gives the claim back, so the next delivery of this status tries again. */
  private StatusResult giveBack(FallbackClaim.Claimed claim, StatusUpdate update, String reason) {
    try {
      ledger.releaseFallback(claim);
    } catch (DeliveryLedgerUnavailableException e) {
      // the claim's lease ends at this invocation's deadline; a redelivery after it claims again
    }
    return StatusResult.of(update, Kind.RETRY, reason);
  }

  private static DeliveryOutcome.Failed failure(
      String channel, FailureKind kind, String reason, DeliveryOutcome.Failed late) {
    return new DeliveryOutcome.Failed(channel, kind, null, reason, 0, List.of(late));
  }
}
