package dev.cognitowa.otp.sender.tracking;

import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.phone.Recipient;
import java.time.Instant;

/**
 * A message a channel accepted while the chain still had a later channel: what a late {@code
 * failed} status needs to send the same code again by that later channel. It holds the code only as
 * Cognito's ciphertext, the phone number and the user name, which is why these live only until the
 * message's fate is known, and never past the fallback window ({@link MessageLedger}).
 *
 * @param messageRef the provider's message id as its reference ({@link
 *     dev.cognitowa.otp.sender.delivery.MessageRef}): a WhatsApp {@code wamid} encodes the number
 * @param ciphertext {@code request.code} exactly as Cognito sent it, never the code
 * @param userPoolId the event's pool, checked again against the ciphertext on decryption
 * @param userName the event's user name (a temporary-password template shows it)
 * @param triggerSource why Cognito asked for the message
 * @param phoneNumber the recipient in E.164, needed to send again
 * @param channel the name of the channel that accepted it, e.g. {@code whatsapp}
 * @param channelIndex that channel's place in {@code OTP_CHANNELS}, from 0
 * @param sentAt when the channel accepted it: the fallback window starts here
 * @param appClientId the event's app client, whose templates it used; null for the pool's
 * @param language the language of the template it was sent in (e.g. {@code pt_BR}, one of the
 *     configured languages, never the user's own text); null when unknown
 */
public record TrackedMessage(
    String messageRef,
    String ciphertext,
    String userPoolId,
    String userName,
    TriggerSource triggerSource,
    String phoneNumber,
    String channel,
    int channelIndex,
    Instant sentAt,
    String appClientId,
    String language) {

  /** A message of the pool's templates, in a language not recorded. */
  public TrackedMessage(
      String messageRef,
      String ciphertext,
      String userPoolId,
      String userName,
      TriggerSource triggerSource,
      String phoneNumber,
      String channel,
      int channelIndex,
      Instant sentAt) {
    this(
        messageRef,
        ciphertext,
        userPoolId,
        userName,
        triggerSource,
        phoneNumber,
        channel,
        channelIndex,
        sentAt,
        null,
        null);
  }

  /** Safe to log: the channel, the source and a masked number; never the ids or the ciphertext. */
  @Override
  public String toString() {
    return "TrackedMessage[channel="
        + channel
        + ", triggerSource="
        + triggerSource.wireName()
        + ", recipient="
        + Recipient.mask(phoneNumber)
        + ", sentAt="
        + sentAt
        + "]";
  }
}
