package dev.cognitowa.otp.sender.status;

import dev.cognitowa.otp.sender.idempotency.DynamoDbMessageLedger;
import java.time.Instant;

/**
 * One entry of a notification's {@code statuses[]}: a message's new status as WhatsApp reports it.
 *
 * @param messageId the message's id ({@code wamid...}, which encodes the recipient's number: never
 *     logged)
 * @param status {@code sent}, {@code delivered}, {@code read}, {@code failed}, or another Meta adds
 * @param timestamp when WhatsApp saw it, or null when the notification gave none
 * @param errorCode the first error's code of a {@code failed} status (e.g. 131026), else null
 */
public record StatusUpdate(String messageId, String status, Instant timestamp, Integer errorCode) {

  /**
   * What logs show of the message: its ledger reference, a hash that does not encode the number.
   */
  public String ref() {
    return DynamoDbMessageLedger.ref(messageId);
  }

  @Override
  public String toString() {
    return "StatusUpdate["
        + ref()
        + ", "
        + status
        + (errorCode == null ? "" : ":" + errorCode)
        + "]";
  }
}
