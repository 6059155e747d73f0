package dev.cognitowa.otp.sender.conversion;

import dev.cognitowa.otp.sender.delivery.SendGuard;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.phone.PhoneNumbers;
import dev.cognitowa.otp.sender.phone.Recipient;
import java.time.Instant;
import java.util.Optional;

/**
 * The sender's side of the verification loop: before each paid send the conversion breaker (which
 * counts the send in the funnel), after a delivered one the send kept as the latest of its family,
 * for the Post confirmation / Post authentication handler to mark verified. Both live in the
 * ledger's table; without one ({@link #NONE}) the loop does nothing.
 *
 * @param breaker counts sends and refuses them where conversion collapsed
 * @param ledger keeps the latest send per pool, user and family
 */
public record VerificationLoop(
    Optional<ConversionBreaker> breaker, Optional<VerificationLedger> ledger) {
  /** No table: nothing counted, nothing kept, nothing refused. */
  public static final VerificationLoop NONE =
      new VerificationLoop(Optional.empty(), Optional.empty());

  /** The guard for one event's sends (the breaker), asked after the send limits admitted them. */
  public SendGuard guardFor(TriggerSource source, Recipient recipient, Instant deadline) {
    if (breaker.isEmpty()) {
      return SendGuard.NONE;
    }
    boolean converts = SourceFamily.of(source).map(SourceFamily::converts).orElse(false);
    return breaker.get().guardFor(PhoneNumbers.regionOf(recipient), converts, deadline);
  }

  /** Counts a send another guard refused, so the funnel shows it. */
  public void refused(String channel, Recipient recipient, Instant deadline) {
    breaker.ifPresent(b -> b.refusedElsewhere(channel, PhoneNumbers.regionOf(recipient), deadline));
  }

  /**
   * Keeps a delivered send as the latest of its family (one write); nothing for attribute
   * verification, which no trigger can prove.
   *
   * @return whether it was kept
   * @throws VerificationUnavailableException the ledger could not be written
   */
  public boolean recordSend(
      String userPoolId,
      String userName,
      TriggerSource source,
      Recipient recipient,
      String channel,
      String feedbackId,
      Instant sentAt,
      Instant deadline) {
    Optional<SourceFamily> family = SourceFamily.of(source);
    if (ledger.isEmpty() || family.isEmpty()) {
      return false;
    }
    ledger
        .get()
        .recordSend(
            userPoolId,
            userName,
            family.get(),
            new SendRecord(
                channel, PhoneNumbers.regionOf(recipient), source.wireName(), sentAt, feedbackId),
            deadline);
    return true;
  }
}
