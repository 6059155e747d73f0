package dev.cognitowa.otp.sender.status;

import java.time.Instant;

/**
 * One entry of a notification's {@code statuses[]}: a message's new status as WhatsApp reports it.
 *
 * @param ref the message id's reference ({@link dev.cognitowa.otp.sender.delivery.MessageRef}): the
 *     raw {@code wamid...} encodes the recipient's number and is not kept past parsing
 * @param status {@code sent}, {@code delivered}, {@code read}, {@code failed}, or another Meta adds
 * @param timestamp when WhatsApp saw it, or null when the notification gave none
 * @param errorCode the first error's code of a {@code failed} status (e.g. 131026), else null
 */
public record StatusUpdate(String ref, String status, Instant timestamp, Integer errorCode) {

  @Override
  public String toString() {
    return "StatusUpdate[" + ref + ", " + status + (errorCode == null ? "" : ":" + errorCode) + "]";
  }
}
